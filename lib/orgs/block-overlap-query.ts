import type { Db, Tx } from "@/lib/db/client";
import type { BlockOverlap } from "./block-overlap";

export { describeOverlap, type BlockOverlap } from "./block-overlap";

interface OverlapRow {
  block_id: string;
  network: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  same: boolean;
  inside: boolean;
}

/**
 * Blocks of any organisation that overlap `network` (PostgreSQL `&&`: one contains the other),
 * served by the GiST inet_ops index. `network` must be canonical CIDR text.
 */
export async function findOverlappingBlocks(db: Db | Tx, { network }: { network: string }): Promise<BlockOverlap[]> {
  const rows = await db.$queryRaw<OverlapRow[]>`
    SELECT b.id::text AS block_id, b.network::text AS network, o.id::text AS organisation_id,
           o.name AS organisation_name, o.slug AS organisation_slug,
           (b.network = ${network}::inet) AS same, (b.network >> ${network}::inet) AS inside
    FROM "AddressBlock" b JOIN "Organisation" o ON o.id = b."organisationId"
    WHERE b.network && ${network}::inet
    ORDER BY masklen(b.network), o.name`;
  return rows.map((row) => ({
    blockId: row.block_id,
    network: row.network,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationSlug: row.organisation_slug,
    relation: row.same ? "same" : row.inside ? "inside" : "contains",
  }));
}

/** For each block of the organisation, the other organisations' blocks it overlaps. */
export async function listBlockOverlaps(
  db: Db | Tx,
  { organisationId }: { organisationId: string },
): Promise<Map<string, BlockOverlap[]>> {
  const rows = await db.$queryRaw<Array<OverlapRow & { own_block_id: string }>>`
    SELECT own.id::text AS own_block_id, b.id::text AS block_id, b.network::text AS network, o.id::text AS organisation_id,
           o.name AS organisation_name, o.slug AS organisation_slug,
           (b.network = own.network) AS same, (b.network >> own.network) AS inside
    FROM "AddressBlock" own
    JOIN "AddressBlock" b ON b.network && own.network AND b."organisationId" <> own."organisationId"
    JOIN "Organisation" o ON o.id = b."organisationId"
    WHERE own."organisationId" = ${organisationId}::uuid
    ORDER BY o.name, b.network`;
  const overlaps = new Map<string, BlockOverlap[]>();
  for (const row of rows) {
    const list = overlaps.get(row.own_block_id) ?? [];
    list.push({
      blockId: row.block_id,
      network: row.network,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      organisationSlug: row.organisation_slug,
      relation: row.same ? "same" : row.inside ? "inside" : "contains",
    });
    overlaps.set(row.own_block_id, list);
  }
  return overlaps;
}
