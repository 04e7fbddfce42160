import type { Db } from "@/lib/db/client";
import { DASHBOARD_WINDOW_DAYS, DAY_MS } from "./dashboard-window";

export interface MedianFigure {
  /** Median seconds from the incident being raised to the event; null when no incident qualifies. */
  medianSeconds: number | null;
  /** How many incidents the median is taken over. */
  incidents: number;
}

export interface MedianResponseTimes {
  acknowledge: MedianFigure;
  resolve: MedianFigure;
}

/**
 * Median time from Incident.createdAt to acknowledgedAt, and to resolvedAt, over incidents
 * acknowledged (resolved) within the last `days` days: the team's recent pace, not held back
 * by incidents still open. percentile_cont interpolates between the two middle values.
 */
export async function getMedianResponseTimes(
  db: Db,
  { now = new Date(), days = DASHBOARD_WINDOW_DAYS }: { now?: Date; days?: number } = {},
): Promise<MedianResponseTimes> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const [row] = await db.$queryRaw<
    Array<{ ack_median: number | null; ack_count: number; resolve_median: number | null; resolve_count: number }>
  >`
    SELECT
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("acknowledgedAt" - "createdAt"))::float8)
        FILTER (WHERE "acknowledgedAt" > ${since} AND "acknowledgedAt" <= ${now}) AS ack_median,
      count(*) FILTER (WHERE "acknowledgedAt" > ${since} AND "acknowledgedAt" <= ${now})::int AS ack_count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("resolvedAt" - "createdAt"))::float8)
        FILTER (WHERE "resolvedAt" > ${since} AND "resolvedAt" <= ${now}) AS resolve_median,
      count(*) FILTER (WHERE "resolvedAt" > ${since} AND "resolvedAt" <= ${now})::int AS resolve_count
    FROM "Incident"
    WHERE ("acknowledgedAt" > ${since} AND "acknowledgedAt" <= ${now}) OR ("resolvedAt" > ${since} AND "resolvedAt" <= ${now})`;
  return {
    acknowledge: {
      medianSeconds: row?.ack_median === null || row?.ack_median === undefined ? null : Number(row.ack_median),
      incidents: row?.ack_count ?? 0,
    },
    resolve: {
      medianSeconds:
        row?.resolve_median === null || row?.resolve_median === undefined ? null : Number(row.resolve_median),
      incidents: row?.resolve_count ?? 0,
    },
  };
}

/** "3 h 20 min", "2 d 4 h", "45 s": two units at most. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const daysCount = Math.floor(hours / 24);
  return hours % 24 ? `${daysCount} d ${hours % 24} h` : `${daysCount} d`;
}
