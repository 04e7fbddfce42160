import { describeSmtpError, isPermanentSmtpError } from "@/lib/notify/smtp-error";
import type { Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";
import { MAX_ATTEMPTS, nextAttemptDelayMs, SENDING_LEASE_MS } from "@/lib/notify/deliver-notifications";
import { mailFrom, mailTransport } from "@/lib/notify/transport";

export interface SuppressionDeliveryResult {
  sent: number;
  /** Still QUEUED after a temporary failure (tried again later). */
  retry: number;
  failed: number;
}

/**
 * Sends due suppression notices, the outbox's way: rows are claimed in one statement
 * (SKIP LOCKED, marked SENDING before anything is sent, a lease after which a dead worker's row
 * is taken again), each message keeps its Message-ID on every attempt, 5xx or too many attempts
 * fail it, anything else retries with the outbox's backoff.
 */
export async function deliverSuppressionNotices(
  db: Db,
  {
    transport = mailTransport(),
    now = () => new Date(),
    limit = 50,
  }: { transport?: Transporter; now?: () => Date; limit?: number } = {},
): Promise<SuppressionDeliveryResult> {
  const result: SuppressionDeliveryResult = { sent: 0, retry: 0, failed: 0 };
  for (;;) {
    const at = now();
    const staleBefore = new Date(at.getTime() - SENDING_LEASE_MS);
    const claimed = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "SuppressionNotice" SET state = 'SENDING', "claimedAt" = ${at}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "SuppressionNotice"
        WHERE (state = 'QUEUED' AND "nextAttemptAt" <= ${at}) OR (state = 'SENDING' AND "claimedAt" < ${staleBefore})
        ORDER BY "nextAttemptAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (claimed.length === 0) return result;
    const notices = await db.suppressionNotice.findMany({ where: { id: { in: claimed.map((row) => row.id) } } });
    for (const notice of notices) {
      try {
        const info = await transport.sendMail({
          from: mailFrom(),
          to: notice.toAddresses,
          subject: notice.subject,
          text: notice.body,
          messageId: notice.messageId,
          headers: { "Auto-Submitted": "auto-generated", "X-CSIRT-Suppression": notice.allowListEntryId },
        });
        await db.suppressionNotice.update({
          where: { id: notice.id },
          data: {
            state: "SENT",
            sentAt: now(),
            smtpResponse: String(info.response ?? "").slice(0, 500),
            lastError: null,
          },
        });
        result.sent++;
      } catch (error) {
        const permanent = isPermanentSmtpError(error) || notice.attempts >= MAX_ATTEMPTS;
        const reason = describeSmtpError(error);
        await db.suppressionNotice.update({
          where: { id: notice.id },
          data: permanent
            ? { state: "FAILED", lastError: reason }
            : {
                state: "QUEUED",
                lastError: reason,
                nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(notice.attempts)),
              },
        });
        if (permanent) result.failed++;
        else result.retry++;
      }
    }
  }
}
