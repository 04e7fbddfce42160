"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/http/action";
import { assertNoNulBytes } from "@/lib/http/form-values";
import { callerFromLink } from "@/lib/portal/portal-caller";
import { readReference, readRespondForm } from "@/lib/portal/portal-forms";
import { acknowledgeIncident, respondToIncident } from "@/lib/portal/portal-incidents";
import { checkResponseAttachments } from "@/lib/portal/response-attachments";

/** Each action checks the link again: a link revoked or expired meanwhile stops working at once. */
async function withLink(form: FormData, run: (caller: Awaited<ReturnType<typeof callerFromLink>>, context: ReturnType<typeof requestContext>) => Promise<string>): Promise<ActionState> {
  try {
    assertNoNulBytes(form);
    const context = requestContext(await headers());
    const token = String(form.get("token") ?? "");
    const caller = await callerFromLink(db, token, context);
    const message = await run(caller, context);
    revalidatePath(`/respond/${token}`);
    return { ok: true, message };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

export async function acknowledgeByLinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return withLink(form, async (caller, context) => {
    const { alreadyAcknowledged } = await acknowledgeIncident(db, { caller, reference: readReference(form), context });
    return alreadyAcknowledged ? "It was already acknowledged." : "Acknowledged. Thank you.";
  });
}

export async function respondByLinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return withLink(form, async (caller, context) => {
    const input = readRespondForm(form);
    const attachments = await checkResponseAttachments(input.files);
    await respondToIncident(db, { caller, reference: input.reference, steps: input.steps, text: input.text, attachments, context });
    return "Your response is on the incident; the CSIRT sees it now.";
  });
}
