import type { Db } from "@/lib/db/client";
import { nextAttemptDelayMs, SENDING_LEASE_MS } from "@/lib/notify/deliver-notifications";
import { getSettings } from "@/lib/settings/get-settings";
import { sendWebhook } from "./send-webhook";
import { signWebhook } from "./webhook-signature";
import { checkWebhookUrl } from "./webhook-url";

export interface WebhookDeliveryResult {
  delivered: number;
  /** Back to QUEUED after a failure, tried again later. */
  retry: number;
  failed: number;
}

/** Rows one worker sends side by side (each waits at most the timeout). */
const PARALLEL = 8;

/**
 * Sends due webhook deliveries, the outbox's way: rows are claimed in one statement (FOR UPDATE
 * SKIP LOCKED, marked SENDING with a lease before anything is sent), so two workers never send
 * one delivery at once; a worker that died mid-send leaves a lease that runs out. Every attempt
 * is logged. A 2xx delivers; anything else retries with backoff until `webhooks.maxAttempts`.
 * The body is the frozen payload and the `webhook-id` the delivery's id on every attempt; the
 * timestamp and signature are made fresh each time.
 */
export async function deliverDueWebhooks(
  db: Db,
  { now = () => new Date(), limit = 50 }: { now?: () => Date; limit?: number } = {},
): Promise<WebhookDeliveryResult> {
  const settings = await getSettings(db);
  const maxAttempts = settings["webhooks.maxAttempts"];
  const timeoutMs = settings["webhooks.timeoutSeconds"] * 1000;
  const policy = {
    allowedHosts: settings["webhooks.allowedHosts"],
    allowLoopback: Number(settings["webhooks.allowLoopback"]) === 1,
  };
  const result: WebhookDeliveryResult = { delivered: 0, retry: 0, failed: 0 };
  for (;;) {
    const at = now();
    const claimed = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "WebhookDelivery" SET state = 'SENDING', "leaseUntil" = ${new Date(at.getTime() + SENDING_LEASE_MS)}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "WebhookDelivery"
        WHERE (state = 'QUEUED' AND "nextAttemptAt" <= ${at}) OR (state = 'SENDING' AND "leaseUntil" < ${at})
        ORDER BY "nextAttemptAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (claimed.length === 0) return result;
    const deliveries = await db.webhookDelivery.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      include: { endpoint: { select: { url: true, secret: true, enabled: true } } },
    });
    for (let start = 0; start < deliveries.length; start += PARALLEL) {
      await Promise.all(
        deliveries.slice(start, start + PARALLEL).map(async (delivery) => {
          const startedAt = now();
          const body = JSON.stringify(delivery.payload);
          const timestamp = Math.floor(startedAt.getTime() / 1000);
          // The rules as they are now: a host taken off the allow-list since the endpoint was saved gets nothing.
          const allowed = checkWebhookUrl(delivery.endpoint.url, policy);
          const response = !delivery.endpoint.enabled
            ? { statusCode: null, snippet: null, error: "the endpoint is disabled", durationMs: 0 }
            : !allowed.ok
              ? { statusCode: null, snippet: null, error: `refused: ${allowed.error}`, durationMs: 0 }
              : await sendWebhook({
                  url: delivery.endpoint.url,
                  headers: {
                    "user-agent": "CSIRT-Webhooks/1",
                    "webhook-id": delivery.id,
                    "webhook-timestamp": String(timestamp),
                    "webhook-signature": signWebhook(delivery.endpoint.secret, delivery.id, timestamp, body),
                  },
                  body,
                  timeoutMs,
                  allowLoopback: policy.allowLoopback,
                });
          const ok = response.error === null;
          const final = ok || delivery.attempts >= maxAttempts || !delivery.endpoint.enabled || !allowed.ok;
          await db.$transaction([
            db.webhookAttempt.create({
              data: {
                deliveryId: delivery.id,
                startedAt,
                durationMs: response.durationMs,
                statusCode: response.statusCode,
                error: response.error?.slice(0, 500) ?? null,
                responseSnippet: response.snippet,
                replay: delivery.replays > 0,
              },
            }),
            db.webhookDelivery.update({
              where: { id: delivery.id },
              data: ok
                ? { state: "DELIVERED", deliveredAt: now(), leaseUntil: null, lastError: null }
                : final
                  ? { state: "FAILED", leaseUntil: null, lastError: response.error }
                  : {
                      state: "QUEUED",
                      leaseUntil: null,
                      lastError: response.error,
                      nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(delivery.attempts)),
                    },
            }),
          ]);
          if (ok) result.delivered++;
          else if (final) result.failed++;
          else result.retry++;
        }),
      );
    }
  }
}
