import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentStatus, IncidentType, Severity, Tlp } from "@/lib/generated/prisma/enums";
import type { TIncidentQuery } from "./incident-query";
import { queueConditions } from "./search-incidents";

export interface IncidentExportRow {
  reference: number;
  status: IncidentStatus;
  type: IncidentType;
  severity: Severity;
  tlp: Tlp;
  organisationName: string;
  organisationSlug: string;
  sourceIp: string;
  port: number | null;
  protocol: string;
  flowCount: number;
  distinctTargets: number;
  firstSeen: Date;
  lastSeen: Date;
  assigneeName: string | null;
  summary: string;
}

export const EXPORT_BATCH_SIZE = 1_000;

/**
 * Every incident matching the queue's filters (`queueConditions`), in batches by reference
 * (keyset on the unique index: each batch starts strictly after the last one's reference), so a
 * million incidents are read with constant memory and no OFFSET scan, and incidents raised during
 * the export do not shift rows between batches. `organisationIds` limits the rows in the WHERE
 * clause (an institution exports its own organisations' incidents only). TLP:RED incidents are left out.
 */
export async function* streamIncidents(
  db: Db,
  {
    query,
    viewerId,
    organisationIds,
    batchSize = EXPORT_BATCH_SIZE,
  }: { query: TIncidentQuery; viewerId: string; organisationIds?: readonly string[]; batchSize?: number },
): AsyncGenerator<IncidentExportRow[]> {
  if (query.search.kind === "invalid") return;
  const where = queueConditions(query, viewerId, { includeStatus: true });
  // TLP:RED stays on the platform, whoever exports (ADR 0008).
  where.push(Prisma.sql`i.tlp <> 'RED'::"Tlp"`);
  if (organisationIds)
    where.push(
      organisationIds.length
        ? Prisma.sql`i."organisationId" IN (${Prisma.join(organisationIds.map((id) => Prisma.sql`${id}::uuid`))})`
        : Prisma.sql`false`,
    );
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<IncidentExportRow[]>`
      SELECT i.reference, i.status, i.type, i.severity, i.tlp, o.name AS "organisationName", o.slug AS "organisationSlug",
             host(i."sourceIp") AS "sourceIp", i.port, i.protocol, i."flowCount", i."distinctTargets",
             i."firstSeen", i."lastSeen", u.name AS "assigneeName", i.summary
      FROM "Incident" i
      JOIN "Organisation" o ON o.id = i."organisationId"
      LEFT JOIN "User" u ON u.id = i."assigneeId"
      WHERE ${Prisma.join([...where, Prisma.sql`i.reference > ${after}::int`], " AND ")}
      ORDER BY i.reference
      LIMIT ${batchSize}::int`;
    if (rows.length === 0) return;
    const batch = rows.map((row) => ({
      ...row,
      reference: Number(row.reference),
      port: row.port === null ? null : Number(row.port),
      flowCount: Number(row.flowCount),
      distinctTargets: Number(row.distinctTargets),
    }));
    yield batch;
    if (rows.length < batchSize) return;
    after = batch[batch.length - 1]!.reference;
  }
}
