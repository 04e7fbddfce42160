import type { Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";
import type { NoticeDigest } from "@/lib/generated/prisma/client";
import { canTransition } from "@/lib/incidents/status-machine";
import { bounceAddress } from "@/lib/mail/verp";
import { getSettings } from "@/lib/settings/get-settings";
import { buildDigestMessage } from "./build-digest-message";
import { MAX_ATTEMPTS, nextAttemptDelayMs, SENDING_LEASE_MS } from "./deliver-notifications";
import { secureNotice } from "./openpgp/secure-notice";
import { describeSmtpError, isPermanentSmtpError } from "./smtp-error";
import { mailFrom, mailTransport } from "./transport";

/** Claims due digests as the outbox claims notices: one statement, SKIP LOCKED, SENDING before any mail leaves. */
export async function claimDueDigests(
  db: Db,
  { workerId, limit = 10, now = new Date() }: { workerId: string; limit?: number; now?: Date },
): Promise<NoticeDigest[]> {
  const staleBefore = new Date(now.getTime() - SENDING_LEASE_MS);
  const claimed = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "NoticeDigest" SET state = 'SENDING', "claimedAt" = ${now}, "claimedBy" = ${workerId}, attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id IN (
      SELECT id FROM "NoticeDigest"
      WHERE (state = 'QUEUED' AND "nextAttemptAt" <= ${now}) OR (state = 'SENDING' AND "claimedAt" < ${staleBefore})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (claimed.length === 0) return [];
  return db.noticeDigest.findMany({
    where: { id: { in: claimed.map((row) => row.id) } },
    orderBy: { nextAttemptAt: "asc" },
  });
}

/**
 * Sends one claimed digest with its fixed Message-ID and records the outcome on the digest and
 * on every notice it carries: sent (each incident moves to "notified", as a single notice would
 * move it), retried with backoff, failed, or held when the organisation requires encryption and
 * the contact has no usable key (the notices go back to HELD, one by one, for an analyst).
 */
export async function deliverDigest(
  db: Db,
  digest: NoticeDigest,
  { transport = mailTransport(), now = () => new Date() }: { transport?: Transporter; now?: () => Date } = {},
): Promise<"sent" | "retry" | "failed" | "cancelled" | "held"> {
  const settings = await getSettings(db);
  const built = await buildDigestMessage(db, digest, {
    responseLinkDays: settings["notify.responseLinkDays"],
    zipAboveKiB: settings["notify.digestZipAboveKiB"],
  });
  if (!built) {
    await db.noticeDigest.update({
      where: { id: digest.id },
      data: { state: "CANCELLED", lastError: "none of its notices is left to send" },
    });
    return "cancelled";
  }
  const subject = built.message.subject;
  try {
    const secured = await secureNotice(
      db,
      { contactId: digest.contactId, toAddress: digest.toAddress, incidentId: built.incidentIds[0]! },
      {
        from: mailFrom(),
        to: digest.toAddress,
        subject,
        text: built.message.text,
        ...(built.message.html ? { html: built.message.html } : {}),
        messageId: digest.messageId,
        envelope: { from: bounceAddress(digest.id, mailFrom()), to: [digest.toAddress] },
        headers: {
          "X-CSIRT-Incident": built.references.join(", "),
          "Auto-Submitted": "auto-generated",
        },
        attachments: built.attachments,
      },
    );
    if ("held" in secured) {
      await db.$transaction(async (tx) => {
        await tx.notification.updateMany({
          where: { digestId: digest.id },
          data: { state: "HELD", lastError: secured.held, digestId: null, digestDueAt: null },
        });
        await tx.noticeDigest.update({
          where: { id: digest.id },
          data: { state: "CANCELLED", lastError: secured.held, subject },
        });
        for (const incidentId of built.incidentIds)
          await tx.timelineEvent.create({
            data: {
              incidentId,
              type: "NOTIFICATION_FAILED",
              visibility: "INTERNAL",
              actorKind: "SYSTEM",
              actorLabel: "worker",
              message: `Held the digest to ${digest.toAddress}: ${secured.held}`,
              data: { digestId: digest.id, held: true },
            },
          });
      });
      return "held";
    }
    const info = await transport.sendMail(secured.mail);
    const sentAt = now();
    await db.$transaction(async (tx) => {
      await tx.noticeDigest.update({
        where: { id: digest.id },
        data: {
          state: "SENT",
          sentAt,
          subject,
          smtpResponse: String(info.response ?? "").slice(0, 500),
          lastError: null,
        },
      });
      const carried = await tx.notification.findMany({
        where: { digestId: digest.id, state: { not: "CANCELLED" } },
        select: { id: true, incidentId: true },
      });
      await tx.notification.updateMany({
        where: { digestId: digest.id, state: { not: "CANCELLED" } },
        data: {
          state: "SENT",
          sentAt,
          subject,
          smtpResponse: String(info.response ?? "").slice(0, 500),
          lastError: null,
        },
      });
      for (const incidentId of new Set(carried.map((row) => row.incidentId))) {
        const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { status: true } });
        if (canTransition(incident.status, "NOTIFIED"))
          await tx.incident.updateMany({
            where: { id: incidentId, status: incident.status },
            data: { status: "NOTIFIED" },
          });
        await tx.timelineEvent.create({
          data: {
            incidentId,
            type: "NOTIFICATION_SENT",
            visibility: "INSTITUTION",
            actorLabel: "worker",
            actorKind: "SYSTEM",
            message: `${subject} — in the digest sent to ${digest.toAddress}`,
            data: { digestId: digest.id, messageId: digest.messageId, attempts: digest.attempts },
          },
        });
      }
    });
    return "sent";
  } catch (error) {
    const permanent = isPermanentSmtpError(error) || digest.attempts >= MAX_ATTEMPTS;
    const reason = describeSmtpError(error);
    await db.$transaction(async (tx) => {
      await tx.noticeDigest.update({
        where: { id: digest.id },
        data: permanent
          ? { state: "FAILED", lastError: reason, subject }
          : {
              state: "QUEUED",
              lastError: reason,
              subject,
              nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(digest.attempts)),
            },
      });
      await tx.notification.updateMany({
        where: { digestId: digest.id, state: "DIGEST" },
        data: permanent ? { state: "FAILED", lastError: reason } : { lastError: reason },
      });
      if (permanent)
        for (const incidentId of built.incidentIds)
          await tx.timelineEvent.create({
            data: {
              incidentId,
              type: "NOTIFICATION_FAILED",
              visibility: "INTERNAL",
              actorLabel: "worker",
              actorKind: "SYSTEM",
              message: `Could not deliver the digest to ${digest.toAddress} after ${digest.attempts} attempt(s): ${reason}`,
              data: { digestId: digest.id },
            },
          });
    });
    return permanent ? "failed" : "retry";
  }
}

/** Delivers every due digest, batch by batch, until nothing is due. */
export async function deliverDueDigests(
  db: Db,
  { workerId, transport, now }: { workerId: string; transport?: Transporter; now?: Date },
): Promise<Record<string, number>> {
  const tally: Record<string, number> = { sent: 0, retry: 0, failed: 0, cancelled: 0, held: 0 };
  for (;;) {
    const batch = await claimDueDigests(db, { workerId, now: now ?? new Date() });
    if (batch.length === 0) return tally;
    for (const digest of batch) {
      const outcome = await deliverDigest(db, digest, { transport, ...(now ? { now: () => now } : {}) });
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
  }
}
