import type { Db } from "@/lib/db/client";
import type { RetentionRunStatus } from "@/lib/generated/prisma/enums";

export interface RetentionRunRow {
  id: string;
  trigger: string;
  status: RetentionRunStatus;
  counts: Record<string, number>;
  errors: Array<{ kind: string; item: string; message: string }>;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The latest retention runs, newest first. */
export async function listRetentionRuns(db: Db, { limit = 20 }: { limit?: number } = {}): Promise<RetentionRunRow[]> {
  const runs = await db.retentionRun.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  return runs.map((run) => ({
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    counts: (run.counts ?? {}) as Record<string, number>,
    errors: (Array.isArray(run.errors) ? run.errors : []) as RetentionRunRow["errors"],
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  }));
}
