import type { Db } from "@/lib/db/client";
import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { readableTime } from "@/lib/time/readable-time";
import { digestMoment } from "./queue-incident-notifications";

/** What happened to a notice, as the incident and organisation pages say it. */
export type NoticeOutcomeKind =
  | "SENT"
  | "SENDING"
  | "HELD"
  | "DIGEST"
  | "FOLDED"
  | "SUPPRESSED"
  | "NO_CONTACT"
  | "BOUNCED"
  | "FAILED"
  | "CANCELLED";

export const NOTICE_OUTCOME_LABEL: Record<NoticeOutcomeKind, string> = {
  SENT: "Sent",
  SENDING: "Being sent",
  HELD: "Held for approval",
  DIGEST: "Waiting for the digest",
  FOLDED: "Folded by the daily cap",
  SUPPRESSED: "Suppressed by the allow list",
  NO_CONTACT: "No contact can be told",
  BOUNCED: "Bounced",
  FAILED: "Could not be delivered",
  CANCELLED: "Cancelled",
};

/** Outcomes that mean the organisation has not been told (the page shows them first, in amber or red). */
export const NOT_TOLD: ReadonlySet<NoticeOutcomeKind> = new Set([
  "HELD",
  "DIGEST",
  "FOLDED",
  "SUPPRESSED",
  "NO_CONTACT",
  "BOUNCED",
  "FAILED",
]);

export interface NoticeOutcomeLine {
  key: string;
  outcome: NoticeOutcomeKind;
  purpose: NotificationPurpose;
  round: number;
  /** Who it was for; null when no notice row was written (suppressed, no contact). */
  to: string | null;
  /** The reason in a sentence. */
  reason: string;
  at: Date;
}

/**
 * Every notice decision for one incident and what became of it, newest first: one line per
 * notice row (sent, held, waiting for the digest, folded, bounced, failed) and one per decision
 * that wrote no row (suppressed by an allow-list entry, no contact). Read from what was recorded
 * when it happened (`NoticeDecision`, the outbox rows), never worked out again.
 */
export async function listNoticeOutcomes(
  db: Db,
  { incidentId }: { incidentId: string },
): Promise<{ lines: NoticeOutcomeLine[]; noContactAt: Date | null }> {
  const incident = await db.incident.findUnique({
    where: { id: incidentId },
    select: { noContactAt: true, organisation: { select: { timeZone: true } } },
  });
  if (!incident) return { lines: [], noContactAt: null };
  const timeZone = incident.organisation.timeZone;
  const [rows, decisions] = await Promise.all([
    db.notification.findMany({
      where: { incidentId, purpose: { not: "MESSAGE" } },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        purpose: true,
        round: true,
        toAddress: true,
        state: true,
        folded: true,
        digestDueAt: true,
        digestId: true,
        lastError: true,
        bounceDiagnostic: true,
        sentAt: true,
        createdAt: true,
      },
    }),
    db.noticeDecision.findMany({ where: { incidentId }, orderBy: { createdAt: "desc" }, take: 100 }),
  ]);
  const atOnce = new Map(
    decisions
      .filter((decision) => decision.immediateBecause)
      .map((decision) => [`${decision.purpose}:${decision.round}`, decision.immediateBecause!]),
  );
  const lines: NoticeOutcomeLine[] = rows.map((row) => {
    const base = { key: row.id, purpose: row.purpose, round: row.round, to: row.toAddress, at: row.createdAt };
    switch (row.state) {
      case "SENT": {
        const because = atOnce.get(`${row.purpose}:${row.round}`);
        const how = row.digestId ? "in the digest" : because ? `at once (${because})` : "at once";
        return {
          ...base,
          outcome: "SENT",
          reason: `Sent ${how} on ${readableTime(row.sentAt ?? row.createdAt)}.`,
          at: row.sentAt ?? row.createdAt,
        };
      }
      case "DIGEST": {
        const when = row.digestDueAt
          ? `waiting for the digest at ${digestMoment(row.digestDueAt, timeZone)}`
          : "waiting for the digest";
        if (row.digestId) return { ...base, outcome: "SENDING", reason: "In the digest being sent now." };
        return row.folded
          ? { ...base, outcome: "FOLDED", reason: `Folded by the daily cap: ${when}.` }
          : { ...base, outcome: "DIGEST", reason: `${when[0]!.toUpperCase()}${when.slice(1)}.` };
      }
      case "HELD":
        return {
          ...base,
          outcome: "HELD",
          reason: row.lastError ? `Held: ${row.lastError}` : "Held for approval: an analyst releases it.",
        };
      case "BOUNCED":
        return { ...base, outcome: "BOUNCED", reason: `Bounced: ${row.bounceDiagnostic ?? "the address refused it"}.` };
      case "FAILED":
        return {
          ...base,
          outcome: "FAILED",
          reason: `Could not be delivered: ${row.lastError ?? "the server refused it"}.`,
        };
      case "CANCELLED":
        return { ...base, outcome: "CANCELLED", reason: `Cancelled${row.lastError ? `: ${row.lastError}` : ""}.` };
      default:
        return {
          ...base,
          outcome: "SENDING",
          reason: row.lastError ? `Being sent; the last attempt failed (${row.lastError}).` : "Being sent.",
        };
    }
  });
  for (const decision of decisions) {
    if (decision.outcome !== "SUPPRESSED" && decision.outcome !== "NO_CONTACT") continue;
    lines.push({
      key: decision.id,
      outcome: decision.outcome,
      purpose: decision.purpose,
      round: decision.round,
      to: null,
      reason: decision.reason,
      at: decision.createdAt,
    });
  }
  lines.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { lines, noContactAt: incident.noContactAt };
}

/** The organisation page's summary: how many notices (or decisions that wrote none) ended each way. */
export async function countNoticeOutcomes(
  db: Db,
  { organisationId }: { organisationId: string },
): Promise<Array<{ outcome: NoticeOutcomeKind; count: number }>> {
  const [rows, decisions] = await Promise.all([
    db.$queryRaw<Array<{ state: string; folded: boolean; inDigest: boolean; count: number }>>`
      SELECT n.state::text AS state, n.folded, (n."digestId" IS NOT NULL) AS "inDigest", count(*)::int AS count
      FROM "Notification" n JOIN "Incident" i ON i.id = n."incidentId"
      WHERE i."organisationId" = ${organisationId}::uuid AND n.purpose <> 'MESSAGE'
      GROUP BY 1, 2, 3`,
    db.noticeDecision.groupBy({
      by: ["outcome"],
      where: { organisationId, outcome: { in: ["SUPPRESSED", "NO_CONTACT"] } },
      _count: { _all: true },
    }),
  ]);
  const counts = new Map<NoticeOutcomeKind, number>();
  const add = (outcome: NoticeOutcomeKind, count: number) => counts.set(outcome, (counts.get(outcome) ?? 0) + count);
  for (const row of rows) {
    if (row.state === "DIGEST") add(row.inDigest ? "SENDING" : row.folded ? "FOLDED" : "DIGEST", row.count);
    else if (row.state === "QUEUED") add("SENDING", row.count);
    else add(row.state as NoticeOutcomeKind, row.count);
  }
  for (const decision of decisions) add(decision.outcome as NoticeOutcomeKind, decision._count._all);
  const order = Object.keys(NOTICE_OUTCOME_LABEL) as NoticeOutcomeKind[];
  return order.filter((outcome) => counts.has(outcome)).map((outcome) => ({ outcome, count: counts.get(outcome)! }));
}
