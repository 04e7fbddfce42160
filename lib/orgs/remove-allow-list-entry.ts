import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function removeAllowListEntry(
  db: Db,
  {
    organisationId,
    entryId,
    actor,
    context,
  }: { organisationId: string; entryId: string; actor: AuditActor; context?: AuditContext },
): Promise<{ network: string }> {
  return db.$transaction(async (tx) => {
    const entry = await tx.allowListEntry.findFirst({
      where: { id: entryId, organisationId },
      select: { id: true, network: true, reason: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", "That allow-list entry is not listed for this organisation.");
    await tx.allowListEntry.delete({ where: { id: entry.id } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.allowlist.remove",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network: entry.network, reason: entry.reason },
    });
    return { network: entry.network };
  });
}
