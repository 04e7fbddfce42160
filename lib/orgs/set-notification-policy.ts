import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TNotificationPolicyInput } from "./org-inputs";

/** AUTOMATIC: notices go out as soon as they are queued; HOLD_FOR_APPROVAL: an analyst releases each one. */
export async function setNotificationPolicy(
  db: Db,
  {
    organisationId,
    policy,
    actor,
    context,
  }: { organisationId: string; policy: TNotificationPolicyInput; actor: AuditActor; context?: AuditContext },
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { notificationPolicy: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    if (organisation.notificationPolicy === policy) return { changed: false };
    await tx.organisation.update({ where: { id: organisationId }, data: { notificationPolicy: policy } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.policy.update",
      organisationId,
      target: { type: "Organisation", id: organisationId },
      data: { from: organisation.notificationPolicy, to: policy },
    });
    return { changed: true };
  });
}
