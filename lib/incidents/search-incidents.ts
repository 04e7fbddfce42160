import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  type ActorKind,
  IncidentStatus,
  type IncidentType,
  type Severity,
  type TimelineEventType,
} from "@/lib/generated/prisma/enums";
import { countIncidentsByStatus } from "./incident-counts";
import type { TIncidentQuery, TIncidentSort, TSortDirection } from "./incident-query";

export interface IncidentQueueRow {
  id: string;
  reference: number;
  type: IncidentType;
  status: IncidentStatus;
  severity: Severity;
  sourceIp: string;
  port: number | null;
  flowCount: number;
  lastSeen: Date;
  summary: string;
  mergedIntoId: string | null;
  organisationId: string;
  organisationName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  rootCause: string | null;
  resolvedBy: string | null;
  needsAttention: boolean;
  /** Its last notice found no contact that can be told. */
  noContact: boolean;
  /** Under legal hold: retention leaves it alone. */
  legalHold: boolean;
  /** The newest timeline entry: what happened last, who did it, when (null for an incident without one). */
  lastActivity: LastActivity | null;
}

export interface LastActivity {
  type: TimelineEventType;
  actorKind: ActorKind;
  /** The user's name, or the entry's actor label ("worker", "x@y (e-mail link)"). */
  actorName: string;
  at: Date;
  /** STATUS_CHANGED: the new status. */
  statusTo: IncidentStatus | null;
  /** INSTITUTION_RESPONSE: the institution resolved the incident. */
  resolution: boolean;
}

type RawQueueRow = Omit<IncidentQueueRow, "lastActivity"> & {
  activityType: TimelineEventType | null;
  activityActorKind: ActorKind | null;
  activityActorName: string | null;
  activityAt: Date | null;
  activityStatusTo: IncidentStatus | null;
  activityResolution: string | null;
};

export interface IncidentSearchResult {
  rows: IncidentQueueRow[];
  /** Incidents matching every filter, status included. */
  total: number;
  /** Per status, for every filter except the status filter. */
  statusCounts: Record<IncidentStatus, number>;
  /** Incidents needing attention, for every filter except the status and attention filters. */
  attentionCount: number;
  page: number;
  pageCount: number;
}

const ALL_STATUSES = Object.values(IncidentStatus);

function emptyCounts(): Record<IncidentStatus, number> {
  return Object.fromEntries(ALL_STATUSES.map((status) => [status, 0])) as Record<IncidentStatus, number>;
}

function startOfUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function startOfNextUtcDay(day: string): Date {
  return new Date(startOfUtcDay(day).getTime() + 86_400_000);
}

/**
 * The WHERE conditions for a queue view. Every value is a bound parameter; the only SQL text
 * that varies is chosen from fixed fragments here. `includeStatus: false` gives the
 * conditions the per-status counts use.
 */
export function queueConditions(
  query: TIncidentQuery,
  viewerId: string,
  { includeStatus }: { includeStatus: boolean },
): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.needsAttention) where.push(Prisma.sql`i."needsAttention"`);
  if (includeStatus && query.statuses.length) {
    where.push(
      Prisma.sql`i.status IN (${Prisma.join(query.statuses.map((status) => Prisma.sql`${status}::"IncidentStatus"`))})`,
    );
  }
  if (query.type) where.push(Prisma.sql`i.type = ${query.type}::"IncidentType"`);
  if (query.organisationId) where.push(Prisma.sql`i."organisationId" = ${query.organisationId}::uuid`);
  if (query.assignee === "unassigned") where.push(Prisma.sql`i."assigneeId" IS NULL`);
  else if (query.assignee === "me") where.push(Prisma.sql`i."assigneeId" = ${viewerId}::uuid`);
  else if (query.assignee) where.push(Prisma.sql`i."assigneeId" = ${query.assignee}::uuid`);
  // Each run leaves a flow list on every incident it raised or updated ("Evidence_ingestRunId_idx").
  if (query.run)
    where.push(
      Prisma.sql`i.id IN (SELECT e."incidentId" FROM "Evidence" e WHERE e."ingestRunId" = ${query.run}::uuid)`,
    );
  if (query.lastSeenFrom)
    where.push(Prisma.sql`i."lastSeen" >= ${startOfUtcDay(query.lastSeenFrom).toISOString()}::timestamptz`);
  if (query.lastSeenTo)
    where.push(Prisma.sql`i."lastSeen" < ${startOfNextUtcDay(query.lastSeenTo).toISOString()}::timestamptz`);
  const search = query.search;
  // Both inet comparisons are answered by the GiST inet_ops index on "sourceIp".
  if (search.kind === "ip") where.push(Prisma.sql`i."sourceIp" = ${search.ip}::inet`);
  else if (search.kind === "cidr") where.push(Prisma.sql`i."sourceIp" <<= ${search.cidr}::inet`);
  else if (search.kind === "reference") where.push(Prisma.sql`i.reference = ${search.reference}::int`);
  return where;
}

function whereClause(parts: Prisma.Sql[]): Prisma.Sql {
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/**
 * ORDER BY for each sort, ending on the unique reference so pages never overlap; the other
 * direction is the exact reverse, so PostgreSQL can read the same index backwards instead of
 * sorting. Indexes: "lastSeen" DESC; reference (unique); (status, "lastSeen" DESC). Sorting by
 * flows reads the whole table (about 80 ms at 100,000 incidents) until an index on
 * ("flowCount" DESC, reference DESC) exists.
 */
function orderBy(sort: TIncidentSort, dir: TSortDirection): Prisma.Sql {
  const d = dir === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC");
  switch (sort) {
    case "reference":
      return Prisma.sql`ORDER BY i.reference ${d}`;
    case "flows":
      return Prisma.sql`ORDER BY i."flowCount" ${d}, i.reference ${d}`;
    case "status": {
      // Ascending: workflow order, most recent activity first within a status; descending is its reverse.
      const inner = dir === "asc" ? Prisma.raw("DESC") : Prisma.raw("ASC");
      return Prisma.sql`ORDER BY i.status ${d}, i."lastSeen" ${inner}, i.reference ${inner}`;
    }
    default:
      return Prisma.sql`ORDER BY i."lastSeen" ${d}, i.reference ${d}`;
  }
}

/**
 * One page of the incident queue with the per-status counts for the same filters. Offset
 * pagination over an indexed ORDER BY: the first pages (where people work) cost a LIMIT on an
 * index scan; the counts are one GROUP BY over the same conditions.
 */
export async function searchIncidents(
  db: Db,
  { query, viewerId }: { query: TIncidentQuery; viewerId: string },
): Promise<IncidentSearchResult> {
  if (query.search.kind === "invalid")
    return { rows: [], total: 0, statusCounts: emptyCounts(), attentionCount: 0, page: 1, pageCount: 1 };

  // The page first, then each of its rows' newest timeline entry: one backward step on the
  // ("incidentId", "createdAt") index per row shown, whatever the size of the table.
  const rowsOf = (page: number) => db.$queryRaw<RawQueueRow[]>`
    SELECT i.*, a.type AS "activityType", a."actorKind" AS "activityActorKind",
           coalesce(au.name, a."actorLabel") AS "activityActorName", a."createdAt" AS "activityAt",
           a.data->>'to' AS "activityStatusTo", a.data->>'resolution' AS "activityResolution"
    FROM (
      SELECT i.id, i.reference, i.type, i.status, i.severity, abbrev(i."sourceIp") AS "sourceIp", i.port,
             i."flowCount", i."lastSeen", i.summary, i."mergedIntoId", i."organisationId",
             o.name AS "organisationName", i."assigneeId", u.name AS "assigneeName",
             i."rootCause", i."resolvedBy", i."needsAttention", (i."noContactAt" IS NOT NULL) AS "noContact",
             i."legalHold"
      FROM "Incident" i
      JOIN "Organisation" o ON o.id = i."organisationId"
      LEFT JOIN "User" u ON u.id = i."assigneeId"
      ${whereClause(queueConditions(query, viewerId, { includeStatus: true }))}
      ${orderBy(query.sort, query.dir)}
      LIMIT ${query.size}::int OFFSET ${(page - 1) * query.size}::int
    ) i
    LEFT JOIN LATERAL (
      SELECT e.type, e."actorKind", e."actorLabel", e."actorId", e."createdAt", e.data
      FROM "TimelineEvent" e WHERE e."incidentId" = i.id ORDER BY e."createdAt" DESC LIMIT 1
    ) a ON true
    LEFT JOIN "User" au ON au.id = a."actorId"
    ${orderBy(query.sort, query.dir)}`;

  // Kept counts answer organisation and type; any other filter means counting the incidents.
  const otherFilters = queueConditions({ ...query, organisationId: undefined, type: undefined }, viewerId, {
    includeStatus: false,
  });
  const countsKept = otherFilters.length === 0;
  // The page and the counts at once; only a page past the end (a stale link) needs a second look.
  const attentionFilters = [
    Prisma.sql`i."needsAttention"`,
    ...queueConditions({ ...query, needsAttention: false }, viewerId, { includeStatus: false }),
  ];
  const [countRows, requested, [attention]] = await Promise.all([
    countsKept
      ? countIncidentsByStatus(db, { organisationId: query.organisationId, type: query.type })
      : db.$queryRaw<Array<{ status: IncidentStatus; count: number }>>`
          SELECT i.status, count(*)::int AS count
          FROM "Incident" i
          ${whereClause(queueConditions(query, viewerId, { includeStatus: false }))}
          GROUP BY i.status`,
    rowsOf(query.page),
    db.$queryRaw<
      Array<{ count: number }>
    >`SELECT count(*)::int AS count FROM "Incident" i ${whereClause(attentionFilters)}`,
  ]);
  const statusCounts = emptyCounts();
  for (const row of countRows) statusCounts[row.status] = Number(row.count);
  const counted = query.statuses.length ? query.statuses : ALL_STATUSES;
  const total = counted.reduce((sum, status) => sum + statusCounts[status], 0);
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  const rows = page === query.page ? requested : await rowsOf(page);

  return {
    rows: rows.map(queueRow),
    total,
    statusCounts,
    attentionCount: Number(attention?.count ?? 0),
    page,
    pageCount,
  };
}

function queueRow({
  activityType,
  activityActorKind,
  activityActorName,
  activityAt,
  activityStatusTo,
  activityResolution,
  ...row
}: RawQueueRow): IncidentQueueRow {
  const lastActivity =
    activityType && activityActorKind && activityAt
      ? {
          type: activityType,
          actorKind: activityActorKind,
          actorName: activityActorName ?? "",
          at: activityAt,
          statusTo: activityStatusTo,
          resolution: activityResolution === "true",
        }
      : null;
  return {
    ...row,
    reference: Number(row.reference),
    flowCount: Number(row.flowCount),
    port: row.port === null ? null : Number(row.port),
    lastActivity,
  };
}
