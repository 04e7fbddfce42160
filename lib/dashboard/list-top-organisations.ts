import type { Db } from "@/lib/db/client";
import { OPEN_STATUS_LIST } from "./dashboard-window";

export interface TopOrganisation {
  id: string;
  name: string;
  slug: string;
  openIncidents: number;
}

/**
 * Organisations with the most open incidents (ties by name); organisations with none are left
 * out. Summed from the kept counts ("IncidentCountDelta", one row per organisation, type and
 * status once folded) rather than by counting open incidents: the same cost at a million
 * incidents as at a thousand.
 */
export async function listTopOrganisations(
  db: Db,
  { limit = 10 }: { limit?: number } = {},
): Promise<TopOrganisation[]> {
  return db.$queryRaw<TopOrganisation[]>`
    SELECT o.id::text AS id, o.name, o.slug, t.open::int AS "openIncidents"
    FROM (
      SELECT d."organisationId", sum(d.delta) AS open
      FROM "IncidentCountDelta" d
      WHERE d.status::text = ANY(${[...OPEN_STATUS_LIST]}::text[])
      GROUP BY d."organisationId"
      HAVING sum(d.delta) > 0
    ) t JOIN "Organisation" o ON o.id = t."organisationId"
    ORDER BY t.open DESC, o.name ASC
    LIMIT ${limit}`;
}
