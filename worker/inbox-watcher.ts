import { db } from "@/lib/db/client";
import { claimInboxFiles, recoverOrphanedFiles } from "@/lib/ingest/drop-folder";
import { enqueueIngestRun } from "@/lib/jobs/definitions/process-ingest-run";

/** Polls the drop folder and queues an ingest for every file that has settled there. */
export async function startInboxWatcher({
  inbox,
  intervalMs = 2_000,
}: {
  inbox: string;
  intervalMs?: number;
}): Promise<() => void> {
  const queue = async (runs: Awaited<ReturnType<typeof claimInboxFiles>>) => {
    for (const run of runs) await enqueueIngestRun(run);
  };
  await queue(await recoverOrphanedFiles(db, inbox));
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    claimInboxFiles(db, inbox)
      .then(queue)
      .catch((error: unknown) => console.error("[inbox]", error))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
