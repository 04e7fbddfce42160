import type { Db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { OPEN_STATUSES } from "@/lib/incidents/status-labels";
import { canonicalIpAddress, tryParseCidr } from "@/lib/net";

export type OrganisationSearchKind = "all" | "address" | "block" | "text";

export interface OrganisationListItem {
  id: string;
  name: string;
  slug: string;
  active: boolean;
  notificationPolicy: "AUTOMATIC" | "HOLD_FOR_APPROVAL";
  blocks: string[];
  /** Blocks that answered an address or block search. */
  matchedBlocks: string[];
  activeContacts: number;
  openIncidents: number;
}

export const ORGANISATIONS_PER_PAGE = 50;

export interface OrganisationSearchResult {
  kind: OrganisationSearchKind;
  organisations: OrganisationListItem[];
  /** Organisations matching, on every page. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Organisations for the list page. An IP address finds the organisations whose blocks contain
 * it; a CIDR block finds those whose blocks overlap it; other text matches the name, the slug
 * or the start of a block ("198.51.").
 */
export async function searchOrganisations(
  db: Db,
  {
    query = "",
    page: requestedPage = 1,
    pageSize = ORGANISATIONS_PER_PAGE,
  }: { query?: string; page?: number; pageSize?: number },
): Promise<OrganisationSearchResult> {
  const text = query.trim().slice(0, 200);
  let kind: OrganisationSearchKind = "all";
  let matches: Array<{ organisation_id: string; network: string | null }> | null = null;

  const address = canonicalIpAddress(text);
  const block = text.includes("/") ? tryParseCidr(text) : null;
  if (text === "") {
    kind = "all";
  } else if (address !== null) {
    kind = "address";
    matches = await db.$queryRaw`
      SELECT "organisationId"::text AS organisation_id, network::text AS network FROM "AddressBlock" WHERE network >>= ${address}::inet`;
  } else if (block?.ok) {
    kind = "block";
    matches = await db.$queryRaw`
      SELECT "organisationId"::text AS organisation_id, network::text AS network FROM "AddressBlock" WHERE network && ${block.cidr.cidr}::inet`;
  } else {
    kind = "text";
    const pattern = `%${escapeLike(text)}%`;
    matches = await db.$queryRaw`
      SELECT o.id::text AS organisation_id, NULL AS network FROM "Organisation" o
      WHERE o.name ILIKE ${pattern} OR o.slug ILIKE ${pattern}
      UNION
      SELECT b."organisationId"::text, b.network::text FROM "AddressBlock" b WHERE b.network::text LIKE ${`${escapeLike(text.toLowerCase())}%`}`;
  }

  const matchedBlocks = new Map<string, string[]>();
  for (const match of matches ?? []) {
    const list = matchedBlocks.get(match.organisation_id) ?? [];
    if (match.network) list.push(match.network);
    matchedBlocks.set(match.organisation_id, list);
  }
  const where = matches === null ? {} : { id: { in: [...matchedBlocks.keys()] } };
  const total = matches === null ? await db.organisation.count() : matchedBlocks.size;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (a stale link) shows the last one.
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const rows = await db.organisation.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      name: true,
      slug: true,
      active: true,
      notificationPolicy: true,
      blocks: { select: { network: true }, orderBy: { network: "asc" } },
      _count: {
        select: { contacts: { where: { active: true } }, incidents: { where: { status: { in: OPEN_STATUSES } } } },
      },
    },
  });
  return {
    kind,
    total,
    page,
    pageCount,
    organisations: rows.map((row) => ({
      id: row.id,
      name: row.name,
      slug: row.slug,
      active: row.active,
      notificationPolicy: row.notificationPolicy,
      blocks: row.blocks.map((item) => item.network),
      matchedBlocks: matchedBlocks.get(row.id) ?? [],
      activeContacts: row._count.contacts,
      openIncidents: row._count.incidents,
    })),
  };
}
