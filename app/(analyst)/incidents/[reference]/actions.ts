"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import { type CurrentUser, isStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import { validatedAction } from "@/lib/http/action";
import { addIncidentNote, MAX_NOTE_LENGTH } from "@/lib/incidents/add-incident-note";
import { parseIncidentReference, ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { assignIncident } from "@/lib/incidents/assign-incident";
import { mergeIncidents } from "@/lib/incidents/merge-incidents";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { revokeResponseTokens } from "@/lib/notify/response-links";
import { MAX_REASON_LENGTH, transitionIncident } from "@/lib/incidents/transition-incident";
import { deliverNotificationsJob } from "@/lib/jobs/definitions/deliver-notifications";
import { enqueue } from "@/lib/jobs/queue";
import { MESSAGE_LIMITS, sendAnalystMessage } from "@/lib/mail/send-analyst-message";

const ZIncidentRefSchema = z.object({ incidentId: z.uuid(), reference: ZIncidentReferenceSchema });
const checkbox = z.union([z.literal("on"), z.literal("1")]).optional().transform((value) => value !== undefined);

async function actorAndContext(user: CurrentUser) {
  return { actor: { id: user.id, label: user.email }, context: requestContext(await headers()) };
}

const ZChangeStatusSchema = ZIncidentRefSchema.extend({
  to: z.enum(IncidentStatus, { error: "Choose the new status." }),
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
  share: checkbox,
});

export const changeStatusAction = validatedAction(ZChangeStatusSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  try {
    const change = await transitionIncident(db, { incidentId: input.incidentId, to: input.to, reason: input.reason, visibleToInstitution: input.share, ...(await actorAndContext(user)) });
    if (change.notified > 0) await enqueue(deliverNotificationsJob, {});
    const told = change.notified > 0 ? ` The contacts are told by e-mail (${change.notified} message${change.notified === 1 ? "" : "s"}).` : "";
    return { ok: true, message: `Status changed from ${STATUS_LABEL[change.from].toLowerCase()} to ${STATUS_LABEL[change.to].toLowerCase()}.${told}` };
  } finally {
    // Refused or not, show the incident as it is now (a refusal usually means the page was stale).
    revalidatePath(`/incidents/${input.reference}`);
  }
});

const ZAssignSchema = ZIncidentRefSchema.extend({ assigneeId: z.union([z.literal(""), z.uuid()]) });

export const assignAction = validatedAction(ZAssignSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  const result = await assignIncident(db, { incidentId: input.incidentId, assigneeId: input.assigneeId || null, ...(await actorAndContext(user)) });
  revalidatePath(`/incidents/${input.reference}`);
  if (!result.changed) return { ok: true, message: "Nothing to change." };
  return { ok: true, message: result.assigneeName ? `Assigned to ${result.assigneeName}.` : "Unassigned." };
});

const ZAddNoteSchema = ZIncidentRefSchema.extend({
  text: z.string().trim().min(1, "Write the note first.").max(MAX_NOTE_LENGTH),
  share: checkbox,
});

export const addNoteAction = validatedAction(ZAddNoteSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  await addIncidentNote(db, { incidentId: input.incidentId, text: input.text, shareWithInstitution: input.share, ...(await actorAndContext(user)) });
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: input.share ? "Note added and shared with the institution." : "Internal note added." };
});

const ZMergeSchema = ZIncidentRefSchema.extend({
  duplicate: z.string().transform((value, context) => {
    const reference = parseIncidentReference(value);
    if (reference === null) context.addIssue({ code: "custom", message: "Give the duplicate's reference number, e.g. #1234." });
    return reference ?? z.NEVER;
  }),
});

export const mergeAction = validatedAction(ZMergeSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  const result = await mergeIncidents(db, { targetId: input.incidentId, duplicateReference: input.duplicate, ...(await actorAndContext(user)) });
  revalidatePath(`/incidents/${input.reference}`);
  revalidatePath(`/incidents/${result.duplicateReference}`);
  return { ok: true, message: `#${result.duplicateReference} merged into #${result.targetReference} and closed.` };
});

export const revokeResponseLinksAction = validatedAction(ZIncidentRefSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  const revoked = await revokeResponseTokens(db, { incidentId: input.incidentId, revokedById: user.id });
  const { actor, context } = await actorAndContext(user);
  await recordAudit(db, { actor, action: "response_links.revoke", target: { type: "Incident", id: input.incidentId }, context, data: { revoked } });
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: revoked ? `Withdrew ${revoked} response link${revoked === 1 ? "" : "s"}.` : "There were no live links to withdraw." };
});

const ZSendMessageSchema = ZIncidentRefSchema.extend({
  contactId: z.union([z.literal(""), z.uuid()]),
  subject: z.string().trim().max(MESSAGE_LIMITS.subject).default(""),
  body: z.string().trim().min(1, "Write the message first.").max(MESSAGE_LIMITS.body),
});

export const sendMessageAction = validatedAction(ZSendMessageSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  const result = await sendAnalystMessage(db, { incidentId: input.incidentId, contactId: input.contactId || null, subject: input.subject, body: input.body, ...(await actorAndContext(user)) });
  await enqueue(deliverNotificationsJob, {});
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: `Message queued for ${result.recipients.join(", ")}.` };
});
