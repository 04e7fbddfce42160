"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { type ActionState, linkHolderAction } from "@/lib/http/action";
import { readReference, readRespondForm } from "@/lib/portal/portal-forms";
import { acknowledgeIncident, respondToIncident } from "@/lib/portal/portal-incidents";
import { checkResponseAttachments } from "@/lib/portal/response-attachments";

function done(token: string, message: string): ActionState {
  revalidatePath(`/respond/${token}`);
  return { ok: true, message };
}

/** The link is checked on every action (linkHolderAction): one revoked or expired meanwhile stops working at once. */
export const acknowledgeByLinkAction = linkHolderAction(
  readReference,
  async (reference, { caller, token, context }) => {
    const { alreadyAcknowledged } = await acknowledgeIncident(db, { caller, reference, context });
    return done(token, alreadyAcknowledged ? "It was already acknowledged." : "Acknowledged. Thank you.");
  },
);

export const respondByLinkAction = linkHolderAction(readRespondForm, async (input, { caller, token, context }) => {
  const attachments = await checkResponseAttachments(input.files);
  await respondToIncident(db, {
    caller,
    reference: input.reference,
    steps: input.steps,
    text: input.text,
    attachments,
    context,
  });
  return done(token, "Your response is on the incident; the CSIRT sees it now.");
});
