"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import { staffAction } from "@/lib/http/action";
import { addIncidentNote, MAX_NOTE_LENGTH } from "@/lib/incidents/add-incident-note";
import { parseIncidentReference, ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { assignIncident } from "@/lib/incidents/assign-incident";
import { mergeIncidents } from "@/lib/incidents/merge-incidents";
import { LEGAL_HOLD_REASON_LIMITS, setLegalHold } from "@/lib/incidents/set-legal-hold";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { revokeResponseTokens } from "@/lib/notify/response-links";
import { MAX_REASON_LENGTH, transitionIncident } from "@/lib/incidents/transition-incident";
import { deliverNotificationsJob } from "@/lib/jobs/definitions/deliver-notifications";
import { enqueue } from "@/lib/jobs/queue";
import { MESSAGE_LIMITS, sendAnalystMessage } from "@/lib/mail/send-analyst-message";
import { changeEvidenceTlp, changeIncidentTlp } from "@/lib/tlp/change-tlp";
import { tlpLabel, ZTlpSchema } from "@/lib/tlp/tlp";

const ZIncidentRefSchema = z.object({ incidentId: z.uuid(), reference: ZIncidentReferenceSchema });
const checkbox = z
  .union([z.literal("on"), z.literal("1")])
  .optional()
  .transform((value) => value !== undefined);

const ZChangeStatusSchema = ZIncidentRefSchema.extend({
  to: z.enum(IncidentStatus, { error: "Choose the new status." }),
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
  share: checkbox,
});

export const changeStatusAction = staffAction(ZChangeStatusSchema, async (input, { actor, context }) => {
  try {
    const change = await transitionIncident(db, {
      incidentId: input.incidentId,
      to: input.to,
      reason: input.reason,
      visibleToInstitution: input.share,
      actor,
      context,
    });
    if (change.notified > 0) await enqueue(deliverNotificationsJob, {});
    const told =
      change.notified > 0
        ? ` The contacts are told by e-mail (${change.notified} message${change.notified === 1 ? "" : "s"}).`
        : "";
    return {
      ok: true,
      message: `Status changed from ${STATUS_LABEL[change.from].toLowerCase()} to ${STATUS_LABEL[change.to].toLowerCase()}.${told}`,
    };
  } finally {
    // Refused or not, show the incident as it is now (a refusal usually means the page was stale).
    revalidatePath(`/incidents/${input.reference}`);
  }
});

const ZAssignSchema = ZIncidentRefSchema.extend({ assigneeId: z.union([z.literal(""), z.uuid()]) });

export const assignAction = staffAction(ZAssignSchema, async (input, { actor, context }) => {
  const result = await assignIncident(db, {
    incidentId: input.incidentId,
    assigneeId: input.assigneeId || null,
    actor,
    context,
  });
  revalidatePath(`/incidents/${input.reference}`);
  if (!result.changed) return { ok: true, message: "Nothing to change." };
  return { ok: true, message: result.assigneeName ? `Assigned to ${result.assigneeName}.` : "Unassigned." };
});

const ZAddNoteSchema = ZIncidentRefSchema.extend({
  text: z.string().trim().min(1, "Write the note first.").max(MAX_NOTE_LENGTH),
  share: checkbox,
});

export const addNoteAction = staffAction(ZAddNoteSchema, async (input, { actor, context }) => {
  await addIncidentNote(db, {
    incidentId: input.incidentId,
    text: input.text,
    shareWithInstitution: input.share,
    actor,
    context,
  });
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: input.share ? "Note added and shared with the institution." : "Internal note added." };
});

const ZMergeSchema = ZIncidentRefSchema.extend({
  duplicate: z.string().transform((value, context) => {
    const reference = parseIncidentReference(value);
    if (reference === null)
      context.addIssue({ code: "custom", message: "Give the duplicate's reference number, e.g. #1234." });
    return reference ?? z.NEVER;
  }),
});

export const mergeAction = staffAction(ZMergeSchema, async (input, { actor, context }) => {
  const result = await mergeIncidents(db, {
    targetId: input.incidentId,
    duplicateReference: input.duplicate,
    actor,
    context,
  });
  revalidatePath(`/incidents/${input.reference}`);
  revalidatePath(`/incidents/${result.duplicateReference}`);
  return { ok: true, message: `#${result.duplicateReference} merged into #${result.targetReference} and closed.` };
});

export const revokeResponseLinksAction = staffAction(ZIncidentRefSchema, async (input, { actor, context }) => {
  const revoked = await revokeResponseTokens(db, { incidentId: input.incidentId, revokedById: actor.id });
  await recordAudit(db, {
    actor,
    action: "response_links.revoke",
    target: { type: "Incident", id: input.incidentId },
    context,
    data: { revoked },
  });
  revalidatePath(`/incidents/${input.reference}`);
  return {
    ok: true,
    message: revoked
      ? `Withdrew ${revoked} response link${revoked === 1 ? "" : "s"}.`
      : "There were no live links to withdraw.",
  };
});

const ZSendMessageSchema = ZIncidentRefSchema.extend({
  contactId: z.union([z.literal(""), z.uuid()]),
  subject: z.string().trim().max(MESSAGE_LIMITS.subject).default(""),
  body: z.string().trim().min(1, "Write the message first.").max(MESSAGE_LIMITS.body),
});

export const sendMessageAction = staffAction(ZSendMessageSchema, async (input, { actor, context }) => {
  const result = await sendAnalystMessage(db, {
    incidentId: input.incidentId,
    contactId: input.contactId || null,
    subject: input.subject,
    body: input.body,
    actor,
    context,
  });
  await enqueue(deliverNotificationsJob, {});
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: `Message queued for ${result.recipients.join(", ")}.` };
});

const ZLegalHoldSchema = ZIncidentRefSchema.extend({
  hold: z.enum(["set", "clear"], { error: "Choose whether to set or lift the hold." }),
  reason: z
    .string()
    .trim()
    .min(LEGAL_HOLD_REASON_LIMITS.min, "Say why (a case number, who asked).")
    .max(LEGAL_HOLD_REASON_LIMITS.max),
});

export const legalHoldAction = staffAction(ZLegalHoldSchema, async (input, { actor, context }) => {
  const hold = input.hold === "set";
  const result = await setLegalHold(db, { incidentId: input.incidentId, hold, reason: input.reason, actor, context });
  revalidatePath(`/incidents/${input.reference}`);
  if (!result.changed)
    return { ok: true, message: hold ? "Already under legal hold." : "It was not under legal hold." };
  return {
    ok: true,
    message: hold ? "Legal hold set: retention leaves this incident alone." : "Legal hold lifted.",
  };
});
const ZChangeTlpSchema = ZIncidentRefSchema.extend({
  tlp: ZTlpSchema,
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
});

export const changeTlpAction = staffAction(ZChangeTlpSchema, async (input, { actor, context }) => {
  const result = await changeIncidentTlp(db, {
    incidentId: input.incidentId,
    tlp: input.tlp,
    reason: input.reason,
    actor,
    context,
  });
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: result.changed ? `Marked ${tlpLabel(result.tlp)}.` : "Nothing to change." };
});

const ZChangeEvidenceTlpSchema = ZIncidentRefSchema.extend({
  evidenceId: z.uuid(),
  tlp: z.union([z.literal("inherit"), ZTlpSchema]),
});

export const changeEvidenceTlpAction = staffAction(ZChangeEvidenceTlpSchema, async (input, { actor, context }) => {
  const result = await changeEvidenceTlp(db, {
    incidentId: input.incidentId,
    evidenceId: input.evidenceId,
    tlp: input.tlp === "inherit" ? null : input.tlp,
    actor,
    context,
  });
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: result.changed ? `The file is now ${tlpLabel(result.tlp)}.` : "Nothing to change." };
});
