import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** An analyst turns a pending suppression down; the reason is shown to the institution in the portal. */
export async function refuseSuppression(
  db: Db,
  {
    organisationId,
    entryId,
    reason,
    actor,
    context,
    now = new Date(),
  }: {
    organisationId: string;
    entryId: string;
    reason: string;
    actor: AuditActor;
    context?: AuditContext;
    now?: Date;
  },
): Promise<{ network: string }> {
  const why = reason.trim();
  if (why.length < 3) throw new AppError("INVALID_INPUT", "Tell the institution why the suppression is refused.");
  if (why.length > 1000) throw new AppError("INVALID_INPUT", "The reason is longer than 1000 characters.");
  return db.$transaction(async (tx) => {
    const entry = await tx.allowListEntry.findFirst({
      where: { id: entryId, organisationId },
      select: { id: true, network: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", "That suppression is not listed for this organisation.");
    const { count } = await tx.allowListEntry.updateMany({
      where: { id: entry.id, approvedAt: null, refusedAt: null },
      data: { refusedAt: now, refusalReason: why, decidedById: actor.id ?? null },
    });
    if (count === 0) throw new AppError("CONFLICT", `The suppression of ${entry.network} was already decided.`);
    await recordAudit(tx, {
      actor,
      context,
      action: "suppression.refuse",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network: entry.network, reason: why },
    });
    return { network: entry.network };
  });
}
