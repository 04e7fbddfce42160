import type { Db } from "@/lib/db/client";

/** A reading worker touches its run twice a second; two minutes of silence means it is gone. */
export const STALLED_AFTER_MS = 2 * 60_000;

/**
 * Runs that no worker is looking after: QUEUED for longer than the grace period, or RUNNING
 * with a heartbeat older than it. The caller decides with the job queue what to do with each.
 */
export async function findStalledRuns(
  db: Db,
  now = Date.now(),
): Promise<Array<{ id: string; status: "QUEUED" | "RUNNING"; streamId: string | null }>> {
  const before = new Date(now - STALLED_AFTER_MS);
  const runs = await db.ingestRun.findMany({
    where: {
      OR: [
        { status: "QUEUED", createdAt: { lt: before } },
        { status: "RUNNING", OR: [{ heartbeatAt: { lt: before } }, { heartbeatAt: null, startedAt: { lt: before } }] },
      ],
    },
    select: { id: true, status: true, streamId: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  return runs as Array<{ id: string; status: "QUEUED" | "RUNNING"; streamId: string | null }>;
}
