"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestContext } from "@/lib/audit/record-audit";
import { requireRole } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/http/action";
import { assertNoNulBytes } from "@/lib/http/form-values";
import { requestContactChange, ZContactChangeSchema } from "@/lib/portal/contact-change-requests";
import { readReference, readResolveForm, readRespondForm } from "@/lib/portal/portal-forms";
import { acknowledgeIncident, resolveIncidentByInstitution, respondToIncident } from "@/lib/portal/portal-incidents";
import { checkResponseAttachments } from "@/lib/portal/response-attachments";

async function answer(form: FormData, run: () => Promise<string>): Promise<ActionState> {
  try {
    assertNoNulBytes(form);
    const message = await run();
    revalidatePath("/portal", "layout");
    return { ok: true, message };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

export async function acknowledgeAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return answer(form, async () => {
    const user = await requireRole("INSTITUTION");
    const reference = readReference(form);
    const { alreadyAcknowledged } = await acknowledgeIncident(db, { caller: { kind: "user", user }, reference, context: requestContext(await headers()) });
    return alreadyAcknowledged ? "It was already acknowledged." : "Acknowledged. Thank you.";
  });
}

export async function respondAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return answer(form, async () => {
    const user = await requireRole("INSTITUTION");
    const input = readRespondForm(form);
    const attachments = await checkResponseAttachments(input.files);
    await respondToIncident(db, { caller: { kind: "user", user }, reference: input.reference, steps: input.steps, text: input.text, attachments, context: requestContext(await headers()) });
    return "Your response is on the incident; the CSIRT sees it now.";
  });
}

export async function resolveAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return answer(form, async () => {
    const user = await requireRole("INSTITUTION");
    const input = readResolveForm(form);
    await resolveIncidentByInstitution(db, { caller: { kind: "user", user }, ...input, context: requestContext(await headers()) });
    return input.allowListUntil ? "Resolved. The allow-list entry waits for an analyst's approval." : "Resolved. Thank you.";
  });
}

export async function requestContactChangeAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return answer(form, async () => {
    const user = await requireRole("INSTITUTION");
    const organisationId = String(form.get("organisationId") ?? "");
    const parsed = ZContactChangeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
    await requestContactChange(db, { user, organisationId, change: parsed.data });
    return "Request sent. An analyst will review it.";
  });
}
