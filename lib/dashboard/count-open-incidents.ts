import type { Db } from "@/lib/db/client";
import { countIncidentsByStatus } from "@/lib/incidents/incident-counts";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { DAY_MS, OPEN_STATUS_LIST } from "./dashboard-window";

export const AGE_BUCKETS = [
  { key: "underDay", label: "Less than 1 day", fromDays: 0, toDays: 1 },
  { key: "days1to7", label: "1–7 days", fromDays: 1, toDays: 7 },
  { key: "days7to30", label: "7–30 days", fromDays: 7, toDays: 30 },
  { key: "over30", label: "More than 30 days", fromDays: 30, toDays: null },
] as const;

export type AgeBucketKey = (typeof AGE_BUCKETS)[number]["key"];

export interface OpenIncidentCounts {
  total: number;
  byStatus: Array<{ status: IncidentStatus; count: number }>;
  /** By time since the incident was raised (createdAt); a bucket holds ages from its start up to, not including, its end. */
  byAge: Array<{ key: AgeBucketKey; label: string; count: number }>;
}

/** Open incidents (new, notified, acknowledged, reopened) by status and by age. */
export async function countOpenIncidents(
  db: Db,
  { now = new Date() }: { now?: Date } = {},
): Promise<OpenIncidentCounts> {
  const statuses = [...OPEN_STATUS_LIST];
  const [statusRows, ageRows] = await Promise.all([
    // Kept counts (see incident-counts.ts): no counting of incidents.
    countIncidentsByStatus(db),
    db.$queryRaw<Array<{ under_day: number; days1to7: number; days7to30: number; over30: number }>>`
      SELECT
        count(*) FILTER (WHERE "createdAt" > ${new Date(now.getTime() - DAY_MS)})::int AS under_day,
        count(*) FILTER (WHERE "createdAt" <= ${new Date(now.getTime() - DAY_MS)} AND "createdAt" > ${new Date(now.getTime() - 7 * DAY_MS)})::int AS days1to7,
        count(*) FILTER (WHERE "createdAt" <= ${new Date(now.getTime() - 7 * DAY_MS)} AND "createdAt" > ${new Date(now.getTime() - 30 * DAY_MS)})::int AS days7to30,
        count(*) FILTER (WHERE "createdAt" <= ${new Date(now.getTime() - 30 * DAY_MS)})::int AS over30
      FROM "Incident"
      WHERE status = ANY(${statuses}::text[]::"IncidentStatus"[])`,
  ]);
  const counts = new Map(statusRows.map((row) => [row.status, row.count]));
  const ages = ageRows[0] ?? { under_day: 0, days1to7: 0, days7to30: 0, over30: 0 };
  const byAgeCount: Record<AgeBucketKey, number> = {
    underDay: ages.under_day,
    days1to7: ages.days1to7,
    days7to30: ages.days7to30,
    over30: ages.over30,
  };
  const byStatus = statuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  return {
    total: byStatus.reduce((sum, row) => sum + row.count, 0),
    byStatus,
    byAge: AGE_BUCKETS.map((bucket) => ({ key: bucket.key, label: bucket.label, count: byAgeCount[bucket.key] })),
  };
}
