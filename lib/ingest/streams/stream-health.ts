import type { Db } from "@/lib/db/client";

/** Collectors rotate every five minutes (nfcapd -t 300): coverage is counted in such slots. */
export const SLOT_MS = 5 * 60_000;
const PERIOD_MS = 24 * 3_600_000;
const MAX_GAPS_LISTED = 5;

export interface StreamHealth {
  name: string;
  /** The newest flow time of the stream's files. */
  newestDataAt: string | null;
  /** How far that is behind now. */
  lagSeconds: number | null;
  /** Five-minute slots of the last 24 hours, between the stream's first and newest data, that no file covered. */
  missingSlots: number;
  /** The first few gaps, oldest first. */
  gaps: Array<{ from: string; to: string }>;
  lateFiles: number;
  files: number;
  flowsCounted: number;
  flowsRepeated: number;
  queuedFiles: number;
}

interface RunTimes {
  streamId: string | null;
  dataStart: Date | null;
  dataEnd: Date | null;
  late: boolean;
  flows: number;
  repeatedFlows: number;
  implausibleFlows: number;
}

/** Flows that reached detection and were not repeats of flows already counted. */
export function flowsCounted(run: { flows: number; repeatedFlows: number; implausibleFlows: number }): number {
  return Math.max(0, run.flows - run.repeatedFlows - run.implausibleFlows);
}

/** How each stream is doing over the last 24 hours: lag, gaps, late files, repeats. */
export async function getStreamHealth(
  db: Db,
  { now = Date.now(), streamIds }: { now?: number; streamIds?: string[] } = {},
): Promise<StreamHealth[]> {
  const since = new Date(now - PERIOD_MS);
  const ofStreams = streamIds ? { streamId: { in: streamIds } } : {};
  const [streams, runs, queued, newest] = await Promise.all([
    db.ingestStream.findMany({
      where: streamIds ? { id: { in: streamIds } } : {},
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.ingestRun.findMany({
      where: { status: "SUCCEEDED", dataEnd: { gte: since }, ...ofStreams },
      select: {
        streamId: true,
        dataStart: true,
        dataEnd: true,
        late: true,
        flows: true,
        repeatedFlows: true,
        implausibleFlows: true,
      },
    }),
    db.ingestRun.groupBy({
      by: ["streamId"],
      where: { status: { in: ["QUEUED", "RUNNING"] }, ...ofStreams },
      _count: true,
    }),
    db.ingestRun.groupBy({ by: ["streamId"], where: { status: "SUCCEEDED", ...ofStreams }, _max: { dataEnd: true } }),
  ]);
  return streams.map((stream) => {
    const own = runs.filter((run) => run.streamId === stream.id);
    const newestDataAt = newest.find((row) => row.streamId === stream.id)?._max.dataEnd ?? null;
    const { missing, gaps } = coverageGaps(own, now - PERIOD_MS);
    return {
      name: stream.name,
      newestDataAt: newestDataAt?.toISOString() ?? null,
      lagSeconds: newestDataAt ? Math.max(0, Math.round((now - newestDataAt.getTime()) / 1000)) : null,
      missingSlots: missing,
      gaps,
      lateFiles: own.filter((run) => run.late).length,
      files: own.length,
      flowsCounted: own.reduce((sum, run) => sum + flowsCounted(run), 0),
      flowsRepeated: own.reduce((sum, run) => sum + run.repeatedFlows, 0),
      queuedFiles: queued.find((row) => row.streamId === stream.id)?._count ?? 0,
    };
  });
}

/** Slots between the first and the newest covered one (within the period) that no file covered. */
export function coverageGaps(
  runs: Pick<RunTimes, "dataStart" | "dataEnd">[],
  periodStart: number,
): { missing: number; gaps: Array<{ from: string; to: string }> } {
  const covered = new Set<number>();
  for (const run of runs) {
    if (!run.dataStart || !run.dataEnd) continue;
    const first = Math.floor(Math.max(run.dataStart.getTime(), periodStart) / SLOT_MS);
    const last = Math.floor(run.dataEnd.getTime() / SLOT_MS);
    for (let slot = first; slot <= last; slot++) covered.add(slot);
  }
  if (covered.size === 0) return { missing: 0, gaps: [] };
  const slots = [...covered].sort((a, b) => a - b);
  const gaps: Array<{ from: string; to: string }> = [];
  let missing = 0;
  for (let i = 1; i < slots.length; i++) {
    const hole = slots[i]! - slots[i - 1]! - 1;
    if (hole <= 0) continue;
    missing += hole;
    if (gaps.length < MAX_GAPS_LISTED)
      gaps.push({
        from: new Date((slots[i - 1]! + 1) * SLOT_MS).toISOString(),
        to: new Date(slots[i]! * SLOT_MS).toISOString(),
      });
  }
  return { missing, gaps };
}
