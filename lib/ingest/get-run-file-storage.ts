import type { Db } from "@/lib/db/client";

export interface RunFileStorage {
  /** Bytes of flow files kept for runs (uploads, API and drop folder; a CLI run's file is the caller's). */
  bytes: number;
  files: number;
  /** When the oldest kept file arrived; null when none is kept. */
  oldest: Date | null;
}

/** What the stored flow files take, from the runs' own figures (no walk over the disk). */
export async function getRunFileStorage(db: Db): Promise<RunFileStorage> {
  const kept = await db.ingestRun.aggregate({
    where: { storagePath: { not: null }, source: { not: "CLI" } },
    _sum: { bytes: true },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return { bytes: Number(kept._sum.bytes ?? 0), files: kept._count._all, oldest: kept._min.createdAt };
}
