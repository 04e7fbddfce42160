import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type Cidr, CidrError, parseCidrOrAddress } from "@/lib/net";

const DAY_MS = 86_400_000;

export interface CheckedSuppression {
  /** Canonical network (host bits cleared). */
  network: string;
  reason: string;
  /** What the caller typed, when it had host bits set and was normalised. */
  normalisedFrom: string | null;
}

/**
 * The rules every new suppression meets, whoever asks (institution or analyst), checked inside the
 * transaction that writes it: a valid address or CIDR block (IPv4 or IPv6, normalised), inside
 * one of the organisation's blocks, a reason, an end in the future and no further away than
 * `maxDays`, and not already covered by an active or pending suppression.
 */
export async function checkSuppression(
  tx: Tx,
  {
    organisationId,
    organisationName,
    network: text,
    reason,
    expiresAt,
    maxDays,
    now,
  }: {
    organisationId: string;
    organisationName: string;
    network: string;
    reason: string;
    expiresAt: Date;
    maxDays: number;
    now: Date;
  },
): Promise<CheckedSuppression> {
  let cidr: Cidr;
  try {
    cidr = parseCidrOrAddress(text.trim());
  } catch (error) {
    if (error instanceof CidrError) throw new AppError("INVALID_INPUT", error.message);
    throw error;
  }
  const why = reason.trim();
  if (why.length < 3)
    throw new AppError("INVALID_INPUT", "Say why this source should be left alone (e.g. our vulnerability scanner).");
  if (why.length > 500) throw new AppError("INVALID_INPUT", "The reason is longer than 500 characters.");
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime())
    throw new AppError("INVALID_INPUT", "The end date must be in the future.");
  if (expiresAt.getTime() > now.getTime() + (maxDays + 1) * DAY_MS)
    throw new AppError("INVALID_INPUT", `A suppression can last at most ${maxDays} days; choose an earlier end date.`);
  const network = cidr.cidr;
  const [inside] = await tx.$queryRaw<Array<{ found: number }>>`
    SELECT 1 AS found FROM "AddressBlock" WHERE "organisationId" = ${organisationId}::uuid AND network >>= ${network}::inet LIMIT 1`;
  if (!inside)
    throw new AppError(
      "INVALID_INPUT",
      `${network} is not inside ${organisationName}'s address space, so it cannot be suppressed for it.`,
    );
  const [covering] = await tx.$queryRaw<Array<{ network: string; approved: boolean; expiresAt: Date }>>`
    SELECT network::text AS network, "approvedAt" IS NOT NULL AS approved, "expiresAt"
    FROM "AllowListEntry"
    WHERE "organisationId" = ${organisationId}::uuid AND "refusedAt" IS NULL AND "expiresAt" > ${now}
      AND network >>= ${network}::inet
    ORDER BY "approvedAt" IS NULL, "expiresAt" DESC LIMIT 1`;
  if (covering) {
    const shown = covering.network.replace(/\/(32|128)$/, "");
    throw new AppError(
      "CONFLICT",
      covering.approved
        ? `${shown} is already suppressed until ${covering.expiresAt.toISOString().slice(0, 10)}.`
        : `A suppression of ${shown} is already waiting for approval.`,
    );
  }
  return { network, reason: why, normalisedFrom: cidr.hostBitsSet ? text.trim() : null };
}
