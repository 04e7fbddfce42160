import type { Db } from "@/lib/db/client";
import { parseCidrOrAddress } from "@/lib/net";
import type { TOrgImport } from "./organisation-import";

/**
 * Blocks in an import that nest with another member's block already in the database (one
 * inside the other; an identical block is a refusal, not a warning): the same warning the
 * organisation page gives, in words. One query for the whole file: the blocks go in as two
 * arrays and each is matched through the GiST inet_ops index (`&&`).
 */
export async function findImportOverlaps(db: Db, organisations: TOrgImport[]): Promise<string[]> {
  const blocks = organisations.flatMap((organisation) =>
    organisation.blocks.map((network) => ({
      network: parseCidrOrAddress(network).cidr,
      slug: organisation.slug,
      name: organisation.name,
    })),
  );
  if (blocks.length === 0) return [];
  const rows = await db.$queryRaw<
    Array<{ network: string; slug: string; other: string; otherName: string; inside: boolean }>
  >`
    SELECT n.network::text AS network, n.slug, b.network::text AS other, o.name AS "otherName", (b.network >> n.network) AS inside
    FROM unnest(${blocks.map((block) => block.network)}::inet[], ${blocks.map((block) => block.slug)}::text[]) AS n(network, slug)
    JOIN "AddressBlock" b ON b.network && n.network AND b.network <> n.network
    JOIN "Organisation" o ON o.id = b."organisationId" AND o.slug <> n.slug
    ORDER BY n.network, b.network`;
  const nameOf = new Map(blocks.map((block) => [block.slug, block.name]));
  return rows.map((row) => {
    const name = nameOf.get(row.slug) ?? row.slug;
    const network = parseCidrOrAddress(row.network).cidr;
    const other = parseCidrOrAddress(row.other).cidr;
    return row.inside
      ? `${network} of "${name}" lies inside ${other} of ${row.otherName}: its addresses would count as "${name}" (the longer prefix wins).`
      : `${network} of "${name}" contains ${other} of ${row.otherName}: those addresses stay ${row.otherName}'s (the longer prefix wins), the rest would count as "${name}".`;
  });
}
