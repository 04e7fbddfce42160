/**
 * Incident counts per status from the append-only "IncidentCountDelta" rows that triggers on
 * "Incident" write: summing a few thousand small rows instead of counting 100,000 incidents.
 * Exact in every transaction (the rows are written in the same transaction as the change).
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";

export interface CountScope {
  organisationId?: string;
  type?: IncidentType;
}

export async function countIncidentsByStatus(
  db: Db,
  scope: CountScope = {},
): Promise<Array<{ status: IncidentStatus; count: number }>> {
  const where: Prisma.Sql[] = [];
  if (scope.organisationId) where.push(Prisma.sql`"organisationId" = ${scope.organisationId}::uuid`);
  if (scope.type) where.push(Prisma.sql`type = ${scope.type}::"IncidentType"`);
  const rows = await db.$queryRaw<Array<{ status: IncidentStatus; count: number }>>`
    SELECT status, sum(delta)::int AS count FROM "IncidentCountDelta"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    GROUP BY status`;
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

/**
 * Folds the rows into one per organisation, type and status (dropping those that add up to
 * nothing), in one statement: readers see either the old rows or the folded ones. Rows that
 * concurrent transactions add meanwhile are not visible to the DELETE and stay as they are.
 */
export async function compactIncidentCounts(db: Db): Promise<{ before: number; after: number }> {
  const [result] = await db.$queryRaw<Array<{ before: number; after: number }>>`
    WITH folded AS (
      DELETE FROM "IncidentCountDelta" RETURNING "organisationId", type, status, delta
    ), kept AS (
      INSERT INTO "IncidentCountDelta" ("organisationId", type, status, delta)
      SELECT "organisationId", type, status, sum(delta)::int FROM folded
      GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM folded)::int AS before, (SELECT count(*) FROM kept)::int AS after`;
  return { before: Number(result?.before ?? 0), after: Number(result?.after ?? 0) };
}
