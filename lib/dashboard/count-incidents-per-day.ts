import type { Db } from "@/lib/db/client";
import { DASHBOARD_WINDOW_DAYS, DAY_MS } from "./dashboard-window";

export interface DailyCount {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  count: number;
}

/**
 * Incidents raised per UTC day over the last `days` days, today included, oldest first;
 * days without incidents are present with 0 (generate_series), so the chart has no gaps. One
 * pass over the window's range of the "createdAt" index, grouped by day.
 */
export async function countIncidentsPerDay(
  db: Db,
  { now = new Date(), days = DASHBOARD_WINDOW_DAYS }: { now?: Date; days?: number } = {},
): Promise<DailyCount[]> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const first = new Date(today.getTime() - (days - 1) * DAY_MS);
  const end = new Date(today.getTime() + DAY_MS);
  const firstDay = first.toISOString().slice(0, 10);
  const lastDay = today.toISOString().slice(0, 10);
  const rows = await db.$queryRaw<Array<{ day: string; count: number }>>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(c.count, 0)::int AS count
    FROM generate_series(${firstDay}::date, ${lastDay}::date, interval '1 day') AS d(day)
    LEFT JOIN (
      SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS day, count(*) AS count
      FROM "Incident"
      WHERE "createdAt" >= ${first} AND "createdAt" < ${end}
      GROUP BY 1
    ) c ON c.day = d.day::date
    ORDER BY d.day`;
  return rows.map((row) => ({ day: row.day, count: row.count }));
}
