import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { csirtIdentity } from "@/lib/notify/csirt-identity";
import { readableDay } from "@/lib/time/readable-time";

const DAY_MS = 86_400_000;

/** The text of the week-before warning; plain, in the organisation's time zone. */
export function expiryWarningMessage({
  organisationName,
  network,
  reason,
  expiresAt,
  hits,
  timeZone,
}: {
  organisationName: string;
  network: string;
  reason: string;
  expiresAt: Date;
  hits: number;
  timeZone: string;
}): { subject: string; body: string } {
  const source = network.replace(/\/(32|128)$/, "");
  const day = readableDay(expiresAt, timeZone);
  const subject = `Suppression of ${source} ends on ${day}`;
  const body = [
    `Hello ${organisationName},`,
    "",
    `Our monitoring has been leaving ${source} alone at your request ("${reason}").`,
    `That suppression ends on ${day}. After that, scanning or password-guessing from ${source} will be reported to you again.`,
    hits > 0
      ? `Since it started, it has held back ${hits.toLocaleString("en-GB")} connection${hits === 1 ? "" : "s"}.`
      : "It has not held back any connections so far.",
    "",
    `If you still need it, ask for a new suppression in the portal: ${env().APP_URL}/portal/suppressions`,
    "",
    csirtIdentity().name,
  ].join("\n");
  return { subject, body };
}

/**
 * Writes one expiry warning per active suppression that ends within `warningDays` and has had
 * none: one row per (suppression, kind), so running this any number of times (or in two workers
 * at once) queues each warning once. Organisations with no contact that can be written to are
 * left for the next run. Returns how many were queued.
 */
export async function queueExpiryWarnings(
  db: Db,
  { warningDays, now = new Date() }: { warningDays: number; now?: Date },
): Promise<number> {
  const due = await db.allowListEntry.findMany({
    where: {
      approvedAt: { not: null },
      refusedAt: null,
      expiresAt: { gt: now, lte: new Date(now.getTime() + warningDays * DAY_MS) },
      organisation: { active: true },
      notices: { none: { kind: "EXPIRY_WARNING" } },
    },
    select: {
      id: true,
      network: true,
      reason: true,
      expiresAt: true,
      hitCount: true,
      organisation: {
        select: {
          name: true,
          timeZone: true,
          contacts: {
            where: { active: true, undeliverableAt: null },
            select: { email: true },
            orderBy: { email: "asc" },
          },
        },
      },
    },
  });
  const domain = new URL(env().APP_URL).hostname || "localhost";
  const rows = due.flatMap((entry) => {
    const toAddresses = [...new Set(entry.organisation.contacts.map((contact) => contact.email.toLowerCase()))];
    if (toAddresses.length === 0) return [];
    const message = expiryWarningMessage({
      organisationName: entry.organisation.name,
      network: entry.network,
      reason: entry.reason,
      expiresAt: entry.expiresAt,
      hits: Number(entry.hitCount),
      timeZone: entry.organisation.timeZone,
    });
    return [
      {
        allowListEntryId: entry.id,
        kind: "EXPIRY_WARNING" as const,
        toAddresses,
        ...message,
        messageId: `<suppression-expiry.${entry.id}@${domain}>`,
        nextAttemptAt: now,
      },
    ];
  });
  if (rows.length === 0) return 0;
  const { count } = await db.suppressionNotice.createMany({ data: rows, skipDuplicates: true });
  return count;
}
