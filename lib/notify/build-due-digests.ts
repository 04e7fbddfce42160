import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { nextDigestAt, nextLocalMidnight } from "./digest-schedule";
import { messageIdDomain } from "./queue-incident-notifications";

/**
 * The scheduled half of digests: every notice waiting (state DIGEST) whose due time has come is
 * gathered into one `NoticeDigest` per organisation, contact and due time. The digest row is
 * unique on (organisation, contact, period), so the job running twice, or two workers running
 * it at once, makes one digest; notices are taken only by a digest nobody has started sending.
 * A notice that arrives after its period's digest has gone out waits for the next one.
 * Returns how many digests took notices.
 */
export async function buildDueDigests(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const groups = await db.$queryRaw<Array<{ organisationId: string; contactId: string | null; dueAt: Date }>>`
    SELECT i."organisationId", n."contactId", n."digestDueAt" AS "dueAt"
    FROM "Notification" n JOIN "Incident" i ON i.id = n."incidentId"
    WHERE n.state = 'DIGEST' AND n."digestId" IS NULL AND n."digestDueAt" <= ${now}
    GROUP BY 1, 2, 3 ORDER BY 3`;
  let built = 0;
  for (const group of groups) {
    const took = await db.$transaction(async (tx) => {
      const organisation = await tx.organisation.findUniqueOrThrow({
        where: { id: group.organisationId },
        select: { deliveryMode: true, digestEveryHours: true, digestAtMinute: true, timeZone: true },
      });
      const contact = group.contactId
        ? await tx.contact.findUnique({
            where: { id: group.contactId },
            select: { email: true, active: true, undeliverableAt: true },
          })
        : null;
      const waiting = {
        state: "DIGEST" as const,
        digestId: null,
        contactId: group.contactId,
        digestDueAt: group.dueAt,
        incident: { organisationId: group.organisationId },
      };
      if (!contact?.active || contact.undeliverableAt) {
        await tx.notification.updateMany({
          where: waiting,
          data: {
            state: "CANCELLED",
            lastError: !contact
              ? "the contact was removed before the digest"
              : contact.active
                ? "the contact's address is undeliverable"
                : "the contact was deactivated before the digest",
          },
        });
        return 0;
      }
      const periodKey = group.dueAt.toISOString();
      const id = randomUUID();
      await tx.noticeDigest.createMany({
        data: [
          {
            id,
            organisationId: group.organisationId,
            contactId: group.contactId,
            toAddress: contact.email,
            periodKey,
            dueAt: group.dueAt,
            messageId: `<digest-${id}@${messageIdDomain()}>`,
            nextAttemptAt: now,
          },
        ],
        skipDuplicates: true,
      });
      // Locks the digest: a worker claiming it (SKIP LOCKED) waits for the next round.
      const [digest] = await tx.$queryRaw<Array<{ id: string; state: string; attempts: number }>>`
        SELECT id, state::text AS state, attempts FROM "NoticeDigest"
        WHERE "organisationId" = ${group.organisationId}::uuid AND "contactId" = ${group.contactId}::uuid
          AND "periodKey" = ${periodKey}
        FOR UPDATE`;
      if (digest && digest.state === "QUEUED" && digest.attempts === 0) {
        const { count } = await tx.notification.updateMany({ where: waiting, data: { digestId: digest.id } });
        return count > 0 ? 1 : 0;
      }
      // That period's digest has already started: these notices wait for the next one.
      const later = nextDigestAt(organisation, now) ?? nextLocalMidnight(now, organisation.timeZone);
      await tx.notification.updateMany({ where: waiting, data: { digestDueAt: later } });
      return 0;
    });
    built += took;
  }
  return built;
}
