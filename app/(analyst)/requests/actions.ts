"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { approveAllowListEntry } from "@/lib/orgs/approve-allow-list-entry";
import { decideContactChange } from "@/lib/portal/contact-change-requests";
import { refuseSuppression } from "@/lib/suppressions/refuse-suppression";
import { ZSuppressionDecisionSchema } from "@/lib/suppressions/suppression-inputs";

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

export const decideSuppressionAction = staffAction(
  ZSuppressionDecisionSchema,
  async ({ organisationId, entryId, decision, reason }, { actor, context }): Promise<ActionState> => {
    const { network } =
      decision === "approve"
        ? await approveAllowListEntry(db, { organisationId, entryId, actor, context })
        : await refuseSuppression(db, { organisationId, entryId, reason: reason ?? "", actor, context });
    revalidatePath("/requests");
    revalidatePath("/organisations", "layout");
    return {
      ok: true,
      message: decision === "approve" ? `Approved: ${network} is suppressed.` : `Refused ${network}.`,
    };
  },
);
