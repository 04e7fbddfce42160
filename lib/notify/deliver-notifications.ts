import type { Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";
import type { Notification } from "@/lib/generated/prisma/client";
import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { canTransition } from "@/lib/incidents/status-machine";
import { getSettings } from "@/lib/settings/get-settings";
import { buildNotificationMessage } from "./build-notification-message";
import { secureNotice } from "./openpgp/secure-notice";
import { describeSmtpError, isPermanentSmtpError } from "./smtp-error";
import { mailFrom, mailTransport } from "./transport";
import { bounceAddress } from "@/lib/mail/verp";

export const MAX_ATTEMPTS = 10;
/** Notices about a status the analyst set: sending them must not move the incident to "notified". */
const STATUS_NOTICES: readonly NotificationPurpose[] = ["RESOLVED", "CLOSED", "REOPENED"];
/** A SENDING row older than this belongs to a worker that died mid-send; it is tried again. */
export const SENDING_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3600_000;

export function nextAttemptDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Claims due messages for this worker in one statement: rows are locked with SKIP LOCKED, so
 * several workers never take the same message, and are marked SENDING before anything is sent.
 */
export async function claimDueNotifications(
  db: Db,
  { workerId, limit = 20, now = new Date() }: { workerId: string; limit?: number; now?: Date },
): Promise<Notification[]> {
  const staleBefore = new Date(now.getTime() - SENDING_LEASE_MS);
  const claimed = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Notification" SET state = 'SENDING', "claimedAt" = ${now}, "claimedBy" = ${workerId}, attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id IN (
      SELECT id FROM "Notification"
      WHERE (state = 'QUEUED' AND "nextAttemptAt" <= ${now}) OR (state = 'SENDING' AND "claimedAt" < ${staleBefore})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (claimed.length === 0) return [];
  return db.notification.findMany({
    where: { id: { in: claimed.map((row) => row.id) } },
    orderBy: { nextAttemptAt: "asc" },
  });
}

/** Sends one claimed message and records the outcome. The Message-ID is the row's, on every attempt. */
export async function deliverNotification(
  db: Db,
  notification: Notification,
  { transport = mailTransport(), now = () => new Date() }: { transport?: Transporter; now?: () => Date } = {},
): Promise<"sent" | "retry" | "failed" | "cancelled" | "held"> {
  const settings = await getSettings(db);
  const built = await buildNotificationMessage(db, notification, {
    responseLinkDays: settings["notify.responseLinkDays"],
    defaultLanguage: settings["notify.defaultLanguage"],
  });
  if (!built) {
    await db.notification.update({
      where: { id: notification.id },
      data: { state: "CANCELLED", lastError: "the contact or incident no longer exists" },
    });
    return "cancelled";
  }
  try {
    const secured = await secureNotice(db, notification, {
      from: mailFrom(),
      to: notification.toAddress,
      subject: built.message.subject,
      text: built.message.text,
      ...(built.message.html ? { html: built.message.html } : {}),
      messageId: notification.messageId,
      // Our own return path per message (VERP): a bounce names the notification it is about.
      envelope: { from: bounceAddress(notification.id, mailFrom()), to: [notification.toAddress] },
      ...(notification.references.length
        ? { inReplyTo: notification.references.at(-1), references: notification.references }
        : {}),
      headers: {
        "X-CSIRT-Incident": String(built.reference),
        // RFC 3834: notices are automatic and must not be answered automatically; an analyst's message is a person's.
        "Auto-Submitted": notification.purpose === "MESSAGE" ? "no" : "auto-generated",
      },
      attachments: notification.purpose === "MESSAGE" ? [] : built.attachments,
    });
    if ("held" in secured) {
      await holdNotification(db, notification, { reason: secured.held, subject: built.message.subject });
      return "held";
    }
    const info = await transport.sendMail(secured.mail);
    await db.$transaction(async (tx) => {
      await tx.notification.update({
        where: { id: notification.id },
        data: {
          state: "SENT",
          sentAt: now(),
          subject: built.message.subject,
          smtpResponse: String(info.response ?? "").slice(0, 500),
          lastError: null,
        },
      });
      const incident = await tx.incident.findUniqueOrThrow({
        where: { id: notification.incidentId },
        select: { status: true },
      });
      if (canTransition(incident.status, "NOTIFIED") && !STATUS_NOTICES.includes(notification.purpose)) {
        await tx.incident.updateMany({
          where: { id: notification.incidentId, status: incident.status },
          data: { status: "NOTIFIED" },
        });
      }
      await tx.timelineEvent.create({
        data: {
          incidentId: notification.incidentId,
          type: notification.purpose === "MESSAGE" ? "MAIL_SENT" : "NOTIFICATION_SENT",
          visibility: "INSTITUTION",
          actorLabel: "worker",
          actorKind: "SYSTEM",
          message:
            notification.purpose === "MESSAGE"
              ? `${built.message.subject} — sent to ${notification.toAddress}\n\n${(notification.body ?? "").trim()}`
              : `${built.message.subject} — sent to ${notification.toAddress}`,
          data: {
            notificationId: notification.id,
            messageId: notification.messageId,
            attempts: notification.attempts,
            smtpResponse: String(info.response ?? ""),
          },
        },
      });
    });
    return "sent";
  } catch (error) {
    const permanent = isPermanentSmtpError(error) || notification.attempts >= MAX_ATTEMPTS;
    const reason = describeSmtpError(error);
    await db.notification.update({
      where: { id: notification.id },
      data: permanent
        ? { state: "FAILED", lastError: reason, subject: built.message.subject }
        : {
            state: "QUEUED",
            lastError: reason,
            subject: built.message.subject,
            nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(notification.attempts)),
          },
    });
    if (permanent) {
      await db.timelineEvent.create({
        data: {
          incidentId: notification.incidentId,
          type: "NOTIFICATION_FAILED",
          visibility: "INTERNAL",
          actorLabel: "worker",
          actorKind: "SYSTEM",
          message: `Could not deliver to ${notification.toAddress} after ${notification.attempts} attempt(s): ${reason}`,
          data: { notificationId: notification.id },
        },
      });
    }
    return permanent ? "failed" : "retry";
  }
}

/** A notice that must not go out as it would (see secureNotice): back to HELD, the reason on the row and the incident. */
async function holdNotification(
  db: Db,
  notification: Notification,
  { reason, subject }: { reason: string; subject: string },
): Promise<void> {
  await db.$transaction([
    db.notification.update({
      where: { id: notification.id },
      data: { state: "HELD", lastError: reason, subject, attempts: 0 },
    }),
    db.timelineEvent.create({
      data: {
        incidentId: notification.incidentId,
        type: "NOTIFICATION_FAILED",
        visibility: "INTERNAL",
        actorKind: "SYSTEM",
        actorLabel: "worker",
        message: `Held the notice to ${notification.toAddress}: ${reason}`,
        data: { notificationId: notification.id, held: true },
      },
    }),
  ]);
}

/** Delivers everything due, batch by batch, until nothing is due. */
export async function deliverDueNotifications(
  db: Db,
  { workerId, transport }: { workerId: string; transport?: Transporter },
): Promise<Record<string, number>> {
  const tally: Record<string, number> = { sent: 0, retry: 0, failed: 0, cancelled: 0, held: 0 };
  for (;;) {
    const batch = await claimDueNotifications(db, { workerId });
    if (batch.length === 0) return tally;
    for (const notification of batch) {
      const outcome = await deliverNotification(db, notification, { transport });
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
  }
}
