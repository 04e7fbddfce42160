import { timelineActorFields, type TimelineActor } from "@/lib/incidents/timeline-actor";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { ContactRole, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { NOTIFICATION_PURPOSE_LABEL } from "@/lib/labels";

export type QueueActor = TimelineActor;

const RECIPIENT_ROLES: Record<NotificationPurpose, ContactRole[]> = {
  FIRST_NOTICE: ["SECURITY", "ABUSE", "TECHNICAL"],
  UPDATE: ["SECURITY", "ABUSE", "TECHNICAL"],
  REMINDER: ["SECURITY", "ABUSE", "TECHNICAL", "ESCALATION"],
  RESOLVED: ["SECURITY", "ABUSE", "TECHNICAL"],
  MESSAGE: ["SECURITY", "ABUSE", "TECHNICAL"],
  CLOSED: ["SECURITY", "ABUSE", "TECHNICAL"],
  REOPENED: ["SECURITY", "ABUSE", "TECHNICAL"],
};

export function messageIdDomain(): string {
  return new URL(env().APP_URL).hostname || "localhost";
}

/**
 * Writes the outbox rows for one incident and purpose, inside the caller's transaction, so the
 * decision to notify commits together with the incident change that prompted it. One row per
 * (incident, contact, purpose, round): asking twice queues nothing more. Automatic notices for
 * an organisation that wants to approve them first are HELD.
 */
export async function queueNotificationsInTx(
  tx: Tx,
  {
    incidentId,
    purpose,
    actor,
    automatic,
    batch = "",
  }: {
    incidentId: string;
    purpose: NotificationPurpose;
    actor: QueueActor;
    automatic: boolean /** Several notices of one purpose and round (one per status change); "" = at most one. */;
    batch?: string;
  },
): Promise<{ queued: number; held: number; skippedReason?: string }> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      id: true,
      round: true,
      organisationId: true,
      organisation: { select: { notificationPolicy: true, active: true } },
    },
  });
  if (!incident.organisation.active) return { queued: 0, held: 0, skippedReason: "the organisation is inactive" };
  const contacts = await tx.contact.findMany({
    // An undeliverable address (repeated hard bounces) is skipped until someone fixes it.
    where: {
      organisationId: incident.organisationId,
      active: true,
      undeliverableAt: null,
      role: { in: RECIPIENT_ROLES[purpose] },
    },
    select: { id: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  if (contacts.length === 0)
    return { queued: 0, held: 0, skippedReason: "the organisation has no active contact to notify" };
  const state = automatic && incident.organisation.notificationPolicy === "HOLD_FOR_APPROVAL" ? "HELD" : "QUEUED";
  const domain = messageIdDomain();
  const rows = contacts.map((contact) => {
    const id = randomUUID();
    return {
      id,
      incidentId,
      contactId: contact.id,
      toAddress: contact.email,
      purpose,
      round: incident.round,
      batch,
      state,
      messageId: `<${id}@${domain}>`,
    } as const;
  });
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  if (count > 0) {
    await tx.timelineEvent.create({
      data: {
        incidentId,
        type: "NOTIFICATION_QUEUED",
        visibility: "INTERNAL",
        ...timelineActorFields(actor),
        message: `${NOTIFICATION_PURPOSE_LABEL[purpose]} ${state === "HELD" ? "held for approval" : "queued"} for ${count} contact${count === 1 ? "" : "s"}`,
        data: { purpose, round: incident.round, state, recipients: contacts.map((contact) => contact.email) },
      },
    });
  }
  return state === "HELD" ? { queued: 0, held: count } : { queued: count, held: 0 };
}

/** The purpose an analyst's "notify contacts" means for this incident now. */
async function purposeFor(tx: Tx, incidentId: string): Promise<NotificationPurpose> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { status: true, round: true },
  });
  if (incident.status === "RESOLVED" || incident.status === "CLOSED") return "RESOLVED";
  return incident.round > 0 ? "UPDATE" : "FIRST_NOTICE";
}

/** Analyst-initiated: queues notices for several incidents (held ones are released by this too). */
export async function queueIncidentNotifications(
  db: Db,
  { incidentIds, actor, purpose }: { incidentIds: string[]; actor: QueueActor; purpose?: NotificationPurpose },
): Promise<{ queued: number; skipped: Array<{ incidentId: string; reason: string }> }> {
  let queued = 0;
  const skipped: Array<{ incidentId: string; reason: string }> = [];
  for (const incidentId of incidentIds) {
    const result = await db.$transaction(async (tx) => {
      const chosen = purpose ?? (await purposeFor(tx, incidentId));
      const released = await tx.notification.updateMany({
        where: { incidentId, purpose: chosen, state: "HELD" },
        data: { state: "QUEUED", nextAttemptAt: new Date() },
      });
      const outcome = await queueNotificationsInTx(tx, { incidentId, purpose: chosen, actor, automatic: false });
      return { count: outcome.queued + released.count, reason: outcome.skippedReason };
    });
    queued += result.count;
    if (result.count === 0) skipped.push({ incidentId, reason: result.reason ?? "its contacts were already notified" });
  }
  return { queued, skipped };
}
