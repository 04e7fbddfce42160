import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type Cidr, CidrError, parseCidr } from "@/lib/net";
import { describeOverlap, findOverlappingBlocks, type BlockOverlap } from "./block-overlap-query";

export type AddAddressBlockResult =
  | { status: "added"; blockId: string; network: string; normalisedFrom: string | null; overlaps: BlockOverlap[] }
  /** Nothing was added: the block overlaps other organisations' blocks; call again with confirmOverlap. */
  | { status: "needs-confirmation"; network: string; normalisedFrom: string | null; overlaps: BlockOverlap[] };

/** Serialises block changes so two analysts cannot give the same block to two organisations at once. */
const BLOCK_LOCK_KEY = 0x0b10c5;

/**
 * Adds an address block to an organisation. Host bits are cleared (and reported); a block
 * identical to one another organisation holds is refused; a block nested with another
 * organisation's block is added only once the caller confirms, as the longer prefix then wins.
 */
export async function addAddressBlock(
  db: Db,
  {
    organisationId,
    network: text,
    description = null,
    confirmOverlap = false,
    actor,
    context,
  }: {
    organisationId: string;
    network: string;
    description?: string | null;
    confirmOverlap?: boolean;
    actor: AuditActor;
    context?: AuditContext;
  },
): Promise<AddAddressBlockResult> {
  let cidr: Cidr;
  try {
    cidr = parseCidr(text);
  } catch (error) {
    if (error instanceof CidrError) throw new AppError("INVALID_INPUT", error.message);
    throw error;
  }
  const network = cidr.cidr;
  const normalisedFrom = cidr.hostBitsSet ? text.trim() : null;

  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { id: true, name: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BLOCK_LOCK_KEY})`;

    const found = await findOverlappingBlocks(tx, { network });
    const own = found.find((overlap) => overlap.organisationId === organisationId && overlap.relation === "same");
    if (own) throw new AppError("CONFLICT", `${organisation.name} already has ${network}.`);
    const taken = found.find((overlap) => overlap.relation === "same");
    if (taken)
      throw new AppError(
        "CONFLICT",
        `${network} already belongs to ${taken.organisationName}; a block belongs to one organisation.`,
      );

    const overlaps = found.filter((overlap) => overlap.organisationId !== organisationId);
    if (overlaps.length > 0 && !confirmOverlap)
      return { status: "needs-confirmation", network, normalisedFrom, overlaps };

    const block = await tx.addressBlock.create({ data: { organisationId, network, description } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.block.add",
      organisationId,
      target: { type: "AddressBlock", id: block.id },
      data: {
        network,
        ...(normalisedFrom ? { typed: normalisedFrom } : {}),
        overlaps: overlaps.map((overlap) => `${network} ${describeOverlap(overlap)}`),
      },
    });
    return { status: "added", blockId: block.id, network, normalisedFrom, overlaps };
  });
}
