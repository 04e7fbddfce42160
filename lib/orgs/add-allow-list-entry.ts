import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type Cidr, CidrError, parseCidrOrAddress } from "@/lib/net";

/**
 * Records a source the organisation runs on purpose (its own scanner). The entry starts
 * pending: the detector honours only approved entries that have not expired. It must lie
 * inside one of the organisation's blocks, as the detector only looks there.
 */
export async function addAllowListEntry(
  db: Db,
  {
    organisationId,
    network: text,
    reason,
    expiresAt,
    actor,
    context,
    now = new Date(),
  }: {
    organisationId: string;
    network: string;
    reason: string;
    expiresAt: Date;
    actor: AuditActor;
    context?: AuditContext;
    now?: Date;
  },
): Promise<{ id: string; network: string; normalisedFrom: string | null }> {
  let cidr: Cidr;
  try {
    cidr = parseCidrOrAddress(text);
  } catch (error) {
    if (error instanceof CidrError) throw new AppError("INVALID_INPUT", error.message);
    throw error;
  }
  const why = reason.trim();
  if (why.length < 3) throw new AppError("INVALID_INPUT", "Say why this source is allowed.");
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime()) {
    throw new AppError("INVALID_INPUT", "The expiry date must be in the future.");
  }
  const network = cidr.cidr;
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    const [inside] = await tx.$queryRaw<Array<{ found: number }>>`
      SELECT 1 AS found FROM "AddressBlock" WHERE "organisationId" = ${organisationId}::uuid AND network >>= ${network}::inet LIMIT 1`;
    if (!inside) {
      throw new AppError(
        "INVALID_INPUT",
        `${network} is not inside any of ${organisation.name}'s address blocks, so the detector would never apply it.`,
      );
    }
    const entry = await tx.allowListEntry.create({
      data: { organisationId, network, reason: why, expiresAt, createdById: actor.id ?? null },
    });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.allowlist.add",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network, reason: why, expiresAt: expiresAt.toISOString() },
    });
    return { id: entry.id, network, normalisedFrom: cidr.hostBitsSet ? text.trim() : null };
  });
}
