"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { type ActionState, validatedAction } from "@/lib/http/action";
import { decideContactChange } from "@/lib/portal/contact-change-requests";

const ZDecisionSchema = z.object({ requestId: z.uuid(), decision: z.enum(["approve", "reject"]), note: z.string().trim().max(1000).optional() });

export const decideContactChangeAction = validatedAction(ZDecisionSchema, async ({ requestId, decision, note }, user): Promise<ActionState> => {
  await requireStaff();
  await decideContactChange(db, { requestId, approve: decision === "approve", note, actor: { id: user.id, label: user.email } });
  revalidatePath("/requests");
  return { ok: true, message: decision === "approve" ? "Approved and applied." : "Rejected." };
});
