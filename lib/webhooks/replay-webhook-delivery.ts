import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Sends a delivery again: the same `webhook-id` and body, with a fresh retry budget. Refused while
 * it is being sent or waiting (nothing to replay yet), so a delivery is never in flight twice.
 */
export async function replayWebhookDelivery(
  db: Db,
  { deliveryId, actor, context }: { deliveryId: string; actor: AuditActor; context?: AuditContext },
): Promise<{ endpointId: string }> {
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: { endpointId: true, state: true },
    });
    if (!delivery) throw new AppError("NOT_FOUND", "No such delivery.");
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, state: { in: ["DELIVERED", "FAILED"] } },
      data: { state: "QUEUED", attempts: 0, nextAttemptAt: new Date(), replays: { increment: 1 }, lastError: null },
    });
    if (count === 0)
      throw new AppError("CONFLICT", "This delivery is still queued or being sent; replay it once it has finished.");
    await recordAudit(tx, {
      actor,
      action: "webhook.replay",
      target: { type: "WebhookDelivery", id: deliveryId },
      context,
      data: { endpointId: delivery.endpointId },
    });
    return { endpointId: delivery.endpointId };
  });
}
