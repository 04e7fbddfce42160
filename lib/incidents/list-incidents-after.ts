import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentStatus, IncidentType, Severity, Tlp } from "@/lib/generated/prisma/enums";
import type { TIncidentQuery } from "./incident-query";
import { queueConditions } from "./search-incidents";

export interface IncidentListRow {
  id: string;
  reference: number;
  type: IncidentType;
  status: IncidentStatus;
  severity: Severity;
  sourceIp: string;
  port: number | null;
  flowCount: number;
  firstSeen: Date;
  lastSeen: Date;
  summary: string;
  organisationId: string;
  organisationName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  needsAttention: boolean;
  tlp: Tlp;
}

/** Where a page ended: the last row's sort key (newest activity first, the reference breaking ties). */
export interface IncidentListPosition {
  lastSeen: Date;
  reference: number;
}

/**
 * The queue's filters (`queueConditions`) with keyset pagination instead of pages: each page
 * starts strictly after the previous page's last (lastSeen, reference), so an incident raised or
 * updated meanwhile never shifts rows between pages, and the cost does not grow with depth (the
 * "lastSeen" DESC index). `organisationIds` limits the rows in the WHERE clause (an
 * organisation's token sees its own incidents only).
 */
export async function listIncidentsAfter(
  db: Db,
  {
    query,
    organisationIds,
    after,
    limit,
    tlp,
  }: {
    query: TIncidentQuery;
    organisationIds?: string[];
    after?: IncidentListPosition | null;
    limit: number;
    /** Only incidents with one of these markings (exports leave out what may not go). */
    tlp?: readonly Tlp[];
  },
): Promise<{ rows: IncidentListRow[]; next: IncidentListPosition | null }> {
  if (query.search.kind === "invalid") return { rows: [], next: null };
  const where = queueConditions(query, "00000000-0000-0000-0000-000000000000", { includeStatus: true });
  if (organisationIds)
    where.push(
      organisationIds.length
        ? Prisma.sql`i."organisationId" IN (${Prisma.join(organisationIds.map((id) => Prisma.sql`${id}::uuid`))})`
        : Prisma.sql`false`,
    );
  if (tlp) where.push(Prisma.sql`i.tlp::text IN (${Prisma.join(tlp.map((level) => Prisma.sql`${level}`))})`);
  if (after)
    where.push(
      Prisma.sql`(i."lastSeen", i.reference) < (${after.lastSeen.toISOString()}::timestamptz, ${after.reference}::int)`,
    );
  const rows = await db.$queryRaw<IncidentListRow[]>`
    SELECT i.id, i.reference, i.type, i.status, i.severity, abbrev(i."sourceIp") AS "sourceIp", i.port,
           i."flowCount", i."firstSeen", i."lastSeen", i.summary, i."organisationId", o.name AS "organisationName",
           i."assigneeId", u.name AS "assigneeName", i."needsAttention",
           i.tlp
    FROM "Incident" i
    JOIN "Organisation" o ON o.id = i."organisationId"
    LEFT JOIN "User" u ON u.id = i."assigneeId"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY i."lastSeen" DESC, i.reference DESC
    LIMIT ${limit + 1}::int`;
  const page = rows.slice(0, limit).map((row) => ({
    ...row,
    reference: Number(row.reference),
    flowCount: Number(row.flowCount),
    port: row.port === null ? null : Number(row.port),
  }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { lastSeen: last.lastSeen, reference: last.reference } : null,
  };
}
