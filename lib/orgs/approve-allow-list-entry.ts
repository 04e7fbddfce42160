import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** From now on the detector ignores this source until the entry (a suppression) expires. */
export async function approveAllowListEntry(
  db: Db,
  {
    organisationId,
    entryId,
    actor,
    context,
    now = new Date(),
  }: { organisationId: string; entryId: string; actor: AuditActor; context?: AuditContext; now?: Date },
): Promise<{ network: string }> {
  return db.$transaction(async (tx) => {
    const entry = await tx.allowListEntry.findFirst({
      where: { id: entryId, organisationId },
      select: { id: true, network: true, approvedAt: true, refusedAt: true, expiresAt: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", "That allow-list entry is not listed for this organisation.");
    if (entry.refusedAt) throw new AppError("CONFLICT", `The suppression of ${entry.network} was refused.`);
    if (entry.approvedAt) throw new AppError("CONFLICT", `The entry for ${entry.network} is already approved.`);
    if (entry.expiresAt.getTime() <= now.getTime())
      throw new AppError("CONFLICT", `The entry for ${entry.network} has expired; add a new one instead.`);
    const { count } = await tx.allowListEntry.updateMany({
      where: { id: entry.id, approvedAt: null, refusedAt: null },
      data: { approvedAt: now, decidedById: actor.id ?? null },
    });
    if (count === 0) throw new AppError("CONFLICT", `The entry for ${entry.network} is already approved.`);
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.allowlist.approve",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network: entry.network },
    });
    return { network: entry.network };
  });
}
