import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ResponseTimes {
  acknowledged: number;
  resolved: number;
  /** Median hours from the incident being raised to its acknowledgement / resolution; null with no data. */
  medianHoursToAcknowledge: number | null;
  medianHoursToResolve: number | null;
}

/** Time to acknowledge and to resolve over the last `days`, for some organisations or all. */
export async function responseTimes(
  db: Db,
  { organisationIds, days = 30, now = new Date() }: { organisationIds?: string[]; days?: number; now?: Date },
): Promise<ResponseTimes> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const scope = organisationIds ? Prisma.sql`AND "organisationId" = ANY(${organisationIds}::uuid[])` : Prisma.empty;
  const [row] = await db.$queryRaw<
    Array<{ acknowledged: bigint; resolved: bigint; tta: number | null; ttr: number | null }>
  >`
    SELECT
      count(*) FILTER (WHERE "acknowledgedAt" IS NOT NULL) AS acknowledged,
      count(*) FILTER (WHERE "resolvedAt" IS NOT NULL) AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "acknowledgedAt" - "createdAt")) FILTER (WHERE "acknowledgedAt" IS NOT NULL) / 3600 AS tta,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "resolvedAt" - "createdAt")) FILTER (WHERE "resolvedAt" IS NOT NULL) / 3600 AS ttr
    FROM "Incident" WHERE "createdAt" >= ${since} ${scope}`;
  return {
    acknowledged: Number(row?.acknowledged ?? 0),
    resolved: Number(row?.resolved ?? 0),
    medianHoursToAcknowledge: row?.tta === null || row?.tta === undefined ? null : Number(row.tta),
    medianHoursToResolve: row?.ttr === null || row?.ttr === undefined ? null : Number(row.ttr),
  };
}

export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
