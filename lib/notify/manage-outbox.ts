import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { NotificationState } from "@/lib/generated/prisma/enums";

type OutboxAction = "retry" | "cancel" | "approve";

const FROM_STATES: Record<OutboxAction, NotificationState[]> = {
  retry: ["FAILED", "CANCELLED"],
  cancel: ["QUEUED", "HELD", "FAILED"],
  approve: ["HELD"],
};

/** Retry a failed message, cancel one that has not gone, or release one held for approval. */
export async function changeNotification(
  db: Db,
  { notificationId, action, actor }: { notificationId: string; action: OutboxAction; actor: AuditActor },
): Promise<void> {
  const allowed = FROM_STATES[action];
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, state: { in: allowed } },
    data:
      action === "cancel"
        ? { state: "CANCELLED" }
        : {
            state: "QUEUED",
            nextAttemptAt: new Date(),
            // Sent on its own from now on, even if a digest carried it before.
            digestId: null,
            digestDueAt: null,
            ...(action === "retry" ? { attempts: 0, lastError: null } : {}),
          },
  });
  if (count === 0) {
    const current = await db.notification.findUnique({ where: { id: notificationId }, select: { state: true } });
    if (!current) throw new AppError("NOT_FOUND", "No such message.");
    throw new AppError(
      "CONFLICT",
      `A message that is ${current.state.toLowerCase()} cannot be ${action === "retry" ? "retried" : action === "cancel" ? "cancelled" : "approved"}.`,
    );
  }
  await recordAudit(db, {
    actor,
    action: `notification.${action}`,
    target: { type: "Notification", id: notificationId },
  });
}
