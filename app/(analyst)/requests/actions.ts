"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { decideContactChange } from "@/lib/portal/contact-change-requests";

const ZDecisionSchema = z.object({
  requestId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(1000).optional(),
});

export const decideContactChangeAction = staffAction(
  ZDecisionSchema,
  async ({ requestId, decision, note }, { actor }): Promise<ActionState> => {
    await decideContactChange(db, { requestId, approve: decision === "approve", note, actor });
    revalidatePath("/requests");
    return { ok: true, message: decision === "approve" ? "Approved and applied." : "Rejected." };
  },
);
