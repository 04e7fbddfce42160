import type { Db } from "@/lib/db/client";
import { OPEN_STATUS_LIST } from "./dashboard-window";

export interface TopOrganisation {
  id: string;
  name: string;
  slug: string;
  openIncidents: number;
}

/** Organisations with the most open incidents (ties by name); organisations with none are left out. */
export async function listTopOrganisations(
  db: Db,
  { limit = 10 }: { limit?: number } = {},
): Promise<TopOrganisation[]> {
  return db.$queryRaw<TopOrganisation[]>`
    SELECT o.id::text AS id, o.name, o.slug, count(*)::int AS "openIncidents"
    FROM "Incident" i JOIN "Organisation" o ON o.id = i."organisationId"
    WHERE i.status::text = ANY(${[...OPEN_STATUS_LIST]}::text[])
    GROUP BY o.id, o.name, o.slug
    ORDER BY count(*) DESC, o.name ASC
    LIMIT ${limit}`;
}
