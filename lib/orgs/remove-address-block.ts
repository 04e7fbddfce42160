import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Removes one of the organisation's blocks; its incidents keep their organisation and lose the block link. */
export async function removeAddressBlock(
  db: Db,
  {
    organisationId,
    blockId,
    actor,
    context,
  }: { organisationId: string; blockId: string; actor: AuditActor; context?: AuditContext },
): Promise<{ network: string }> {
  return db.$transaction(async (tx) => {
    const block = await tx.addressBlock.findFirst({
      where: { id: blockId, organisationId },
      select: { id: true, network: true },
    });
    if (!block) throw new AppError("NOT_FOUND", "That address block is not listed for this organisation.");
    await tx.addressBlock.delete({ where: { id: block.id } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.block.remove",
      organisationId,
      target: { type: "AddressBlock", id: block.id },
      data: { network: block.network },
    });
    return { network: block.network };
  });
}
