import { timelineActorFields, type TimelineActor } from "@/lib/incidents/timeline-actor";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { ContactRole, NoticeOutcome, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { getSettings, type TSettings } from "@/lib/settings/get-settings";
import { readableDay, readableTime } from "@/lib/time/readable-time";
import { localClock, nextDigestAt, nextLocalMidnight, startOfLocalDay } from "./digest-schedule";
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
  DIGEST: ["SECURITY", "ABUSE", "TECHNICAL"],
};

export function messageIdDomain(): string {
  return new URL(env().APP_URL).hostname || "localhost";
}

/** Automatic notices an organisation in digest mode gets in its digest (analysts' own notices always go at once). */
export const DIGEST_PURPOSES: readonly NotificationPurpose[] = ["FIRST_NOTICE", "UPDATE", "REMINDER"];

export interface QueueOutcome {
  queued: number;
  held: number;
  /** Waiting for a digest (digest mode, or folded by the daily cap). */
  digest: number;
  skippedReason?: string;
}

interface Decision {
  outcome: NoticeOutcome;
  reason: string;
  digestDueAt?: Date | null;
  immediateBecause?: string | null;
  allowListEntryId?: string | null;
  recipients?: number;
}

/** The covering allow-list entry: approved, not expired, its network containing the source (most specific first). */
async function coveringAllowListEntry(
  tx: Tx,
  { organisationId, sourceIp, now }: { organisationId: string; sourceIp: string; now: Date },
): Promise<{ id: string; network: string; reason: string; expiresAt: Date } | null> {
  const rows = await tx.$queryRaw<Array<{ id: string; network: string; reason: string; expiresAt: Date }>>`
    SELECT id, network::text AS network, reason, "expiresAt" FROM "AllowListEntry"
    WHERE "organisationId" = ${organisationId}::uuid AND "approvedAt" IS NOT NULL AND "expiresAt" > ${now}
      AND network >>= ${sourceIp}::inet
    ORDER BY masklen(network) DESC, "createdAt" ASC LIMIT 1`;
  return rows[0] ?? null;
}

/** Distinct incidents of the organisation told at once (automatically) since its local midnight. */
async function toldAtOnceToday(tx: Tx, { organisationId, since }: { organisationId: string; since: Date }) {
  const [row] = await tx.$queryRaw<Array<{ count: number }>>`
    SELECT count(DISTINCT "incidentId")::int AS count FROM "NoticeDecision"
    WHERE "organisationId" = ${organisationId}::uuid AND "createdAt" >= ${since} AND outcome = 'QUEUED'
      AND purpose IN ('FIRST_NOTICE', 'UPDATE', 'REMINDER')`;
  return row?.count ?? 0;
}

async function recordDecision(
  tx: Tx,
  incident: { id: string; organisationId: string; round: number },
  purpose: NotificationPurpose,
  decision: Decision,
  now: Date,
): Promise<void> {
  await tx.noticeDecision.create({
    data: {
      incidentId: incident.id,
      organisationId: incident.organisationId,
      purpose,
      round: incident.round,
      outcome: decision.outcome,
      reason: decision.reason,
      digestDueAt: decision.digestDueAt ?? null,
      immediateBecause: decision.immediateBecause ?? null,
      allowListEntryId: decision.allowListEntryId ?? null,
      recipients: decision.recipients ?? 0,
      createdAt: now,
    },
  });
}

/** Why a severe incident goes out at once to an organisation that takes digests, or null. */
function severeBecause(
  incident: { distinctTargets: number; round: number },
  purpose: NotificationPurpose,
  settings: TSettings,
): string | null {
  const targets = settings["notify.digestBypassDistinctTargets"];
  if (targets > 0 && incident.distinctTargets > targets && purpose !== "REMINDER")
    return `more than ${targets.toLocaleString("en-GB")} distinct destinations`;
  if (Number(settings["notify.digestBypassRelapse"]) === 1 && incident.round > 0 && purpose === "UPDATE")
    return "it started again after it was dealt with";
  return null;
}

/**
 * Writes the outbox rows for one incident and purpose, inside the caller's transaction, so the
 * decision to notify commits together with the incident change that prompted it. One row per
 * (incident, contact, purpose, round): asking twice queues nothing more. Automatic notices for
 * an organisation that wants to approve them first are HELD; for one that takes digests they
 * wait (state DIGEST) for its next digest unless the incident is severe; past the daily cap
 * they are folded into the next digest; a source an approved allow-list entry covers is not
 * told at all. Every decision, and why, is written as a `NoticeDecision` in the same
 * transaction: the incident page's "why nothing was sent".
 */
export async function queueNotificationsInTx(
  tx: Tx,
  {
    incidentId,
    purpose,
    actor,
    automatic,
    batch = "",
    now = new Date(),
    digestOnly = false,
  }: {
    incidentId: string;
    purpose: NotificationPurpose;
    actor: QueueActor;
    automatic: boolean /** Several notices of one purpose and round (one per status change); "" = at most one. */;
    batch?: string;
    now?: Date;
    /** An update for the next digest only: never at once, not counted by the cap. */
    digestOnly?: boolean;
  },
): Promise<QueueOutcome> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      id: true,
      round: true,
      organisationId: true,
      sourceIp: true,
      distinctTargets: true,
      noContactAt: true,
      organisation: {
        select: {
          notificationPolicy: true,
          active: true,
          deliveryMode: true,
          digestEveryHours: true,
          digestAtMinute: true,
          timeZone: true,
        },
      },
    },
  });
  const organisation = incident.organisation;
  if (!organisation.active) {
    const reason = "the organisation is inactive";
    await recordDecision(tx, incident, purpose, { outcome: "NO_CONTACT", reason: `Not sent: ${reason}.` }, now);
    return { queued: 0, held: 0, digest: 0, skippedReason: reason };
  }
  if (automatic) {
    const entry = await coveringAllowListEntry(tx, {
      organisationId: incident.organisationId,
      sourceIp: incident.sourceIp,
      now,
    });
    if (entry) {
      const reason = `suppressed by the allow-list entry ${entry.network} (“${entry.reason}”, until ${readableDay(entry.expiresAt)})`;
      await recordDecision(
        tx,
        incident,
        purpose,
        { outcome: "SUPPRESSED", reason: `Not sent: ${reason}.`, allowListEntryId: entry.id },
        now,
      );
      return { queued: 0, held: 0, digest: 0, skippedReason: reason };
    }
  }
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
  if (contacts.length === 0) {
    const reason = "the organisation has no active contact that can be told";
    await recordDecision(tx, incident, purpose, { outcome: "NO_CONTACT", reason: `Not sent: ${reason}.` }, now);
    // Flagged for analysts (queue and incident page) until a notice finds a contact again.
    await tx.incident.update({ where: { id: incident.id }, data: { noContactAt: now } });
    return { queued: 0, held: 0, digest: 0, skippedReason: reason };
  }

  let decision: Decision;
  let state: "HELD" | "QUEUED" | "DIGEST";
  let folded = false;
  const digestable = automatic && DIGEST_PURPOSES.includes(purpose);
  if (automatic && organisation.notificationPolicy === "HOLD_FOR_APPROVAL") {
    state = "HELD";
    decision = { outcome: "HELD", reason: "Held for approval: the organisation approves notices before they go." };
  } else if (!digestable) {
    state = "QUEUED";
    decision = { outcome: "QUEUED", reason: "Sent at once." };
  } else {
    const settings = await getSettings(tx);
    const nextDigest = nextDigestAt(organisation, now);
    const severe = nextDigest && !digestOnly ? severeBecause(incident, purpose, settings) : null;
    if (nextDigest && !severe) {
      state = "DIGEST";
      decision = {
        outcome: "DIGEST",
        reason: `Waiting for the digest at ${digestMoment(nextDigest, organisation.timeZone)}.`,
        digestDueAt: nextDigest,
      };
    } else {
      const cap: number = settings["notify.dailyCapPerOrganisation"];
      const capped =
        cap > 0 &&
        (await toldAtOnceToday(tx, {
          organisationId: incident.organisationId,
          since: startOfLocalDay(now, organisation.timeZone),
        })) >= cap;
      if (capped) {
        const due = nextDigest ?? nextLocalMidnight(now, organisation.timeZone);
        state = "DIGEST";
        folded = true;
        decision = {
          outcome: "FOLDED",
          reason: `Folded by the daily cap (${cap} incident${cap === 1 ? "" : "s"} told at once per day): waiting for the digest at ${digestMoment(due, organisation.timeZone)}.`,
          digestDueAt: due,
        };
      } else {
        state = "QUEUED";
        decision = severe
          ? {
              outcome: "QUEUED",
              reason: `Sent at once although the organisation takes digests: ${severe}.`,
              immediateBecause: severe,
            }
          : { outcome: "QUEUED", reason: "Sent at once." };
      }
    }
  }

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
      folded,
      digestDueAt: state === "DIGEST" ? (decision.digestDueAt ?? null) : null,
      messageId: `<${id}@${domain}>`,
    } as const;
  });
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  if (incident.noContactAt) await tx.incident.update({ where: { id: incident.id }, data: { noContactAt: null } });
  if (count > 0) {
    await recordDecision(tx, incident, purpose, { ...decision, recipients: count }, now);
    const verb =
      state === "HELD"
        ? "held for approval"
        : state === "DIGEST"
          ? lowerFirst(decision.reason.replace(/\.$/, ""))
          : "queued";
    await tx.timelineEvent.create({
      data: {
        incidentId,
        type: "NOTIFICATION_QUEUED",
        visibility: "INTERNAL",
        ...timelineActorFields(actor),
        message:
          state === "DIGEST"
            ? `${NOTIFICATION_PURPOSE_LABEL[purpose]} for ${count} contact${count === 1 ? "" : "s"}: ${verb}`
            : `${NOTIFICATION_PURPOSE_LABEL[purpose]} ${verb} for ${count} contact${count === 1 ? "" : "s"}${decision.immediateBecause ? ` (at once: ${decision.immediateBecause})` : ""}`,
        data: { purpose, round: incident.round, state, recipients: contacts.map((contact) => contact.email) },
      },
    });
  }
  if (state === "HELD") return { queued: 0, held: count, digest: 0 };
  if (state === "DIGEST") return { queued: 0, held: 0, digest: count };
  return { queued: count, held: 0, digest: 0 };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "08:00 CET on 29 November 2026": when a digest goes, as the organisation reads it. */
export function digestMoment(at: Date, timeZone: string): string {
  return `${localClock(at, timeZone)} ${readableTime(at, timeZone).replace(/^.*?\d{2}:\d{2} /, "")} on ${readableDay(at, timeZone)}`;
}

/**
 * An open incident that grew while its organisation takes digests: listed again, as updated,
 * in the next digest (one row per contact and digest). Nothing for an organisation told at once
 * (updates of an open incident are not mailed) or while its notice still waits for a digest.
 */
export async function queueDigestUpdateInTx(
  tx: Tx,
  { incidentId, actor, now = new Date() }: { incidentId: string; actor: QueueActor; now?: Date },
): Promise<number> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      round: true,
      organisation: { select: { deliveryMode: true, digestEveryHours: true, digestAtMinute: true, timeZone: true } },
    },
  });
  const due = nextDigestAt(incident.organisation, now);
  if (!due) return 0;
  const pending = await tx.notification.count({
    where: { incidentId, round: incident.round, state: { in: ["DIGEST", "HELD", "QUEUED", "SENDING"] } },
  });
  const told = await tx.notification.count({
    where: { incidentId, round: incident.round, state: "SENT", purpose: { in: ["FIRST_NOTICE", "UPDATE"] } },
  });
  if (pending > 0 || told === 0) return 0;
  const outcome = await queueNotificationsInTx(tx, {
    incidentId,
    purpose: "UPDATE",
    actor,
    automatic: true,
    batch: `digest:${due.toISOString()}`,
    now,
    digestOnly: true,
  });
  return outcome.digest;
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
      // An analyst asking to notify sends what was held, and what waits for a digest no digest has taken yet.
      const released = await tx.notification.updateMany({
        where: {
          incidentId,
          purpose: chosen,
          OR: [{ state: "HELD" }, { state: "DIGEST", digestId: null }],
        },
        data: { state: "QUEUED", nextAttemptAt: new Date(), digestDueAt: null },
      });
      const outcome = await queueNotificationsInTx(tx, { incidentId, purpose: chosen, actor, automatic: false });
      return { count: outcome.queued + released.count, reason: outcome.skippedReason };
    });
    queued += result.count;
    if (result.count === 0) skipped.push({ incidentId, reason: result.reason ?? "its contacts were already notified" });
  }
  return { queued, skipped };
}
