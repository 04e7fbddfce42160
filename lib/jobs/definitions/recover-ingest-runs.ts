import { z } from "zod";
import { db } from "@/lib/db/client";
import { findStalledRuns } from "@/lib/ingest/find-stalled-runs";
import { failIngestRun } from "@/lib/ingest/process-ingest-run";
import { defineJob, type JobDefinition } from "../define-job";
import { ensureQueue, getQueue } from "../queue";
import { enqueueIngestRun, processIngestRunJob } from "./process-ingest-run";

const LIVE_JOB_STATES = new Set(["created", "retry", "active"]);

/**
 * Every minute: runs that no job is looking after any more. A QUEUED run whose job was lost is
 * queued again; a RUNNING run whose worker died on its last attempt (killed, out of memory)
 * fails with that reason, so its stream moves on and an analyst sees why. Runs whose job is
 * still alive are left to pg-boss, which retries a job whose heartbeat stopped.
 */
export const recoverIngestRunsJob = defineJob({
  name: "ingest.recover-runs",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, expireInSeconds: 5 * 60 },
  async handler() {
    const boss = await getQueue();
    await ensureQueue(boss, processIngestRunJob as JobDefinition<unknown>);
    for (const run of await findStalledRuns(db)) {
      const jobs = await boss.findJobs(processIngestRunJob.name, { data: { runId: run.id } });
      if (jobs.some((job) => LIVE_JOB_STATES.has(job.state))) continue;
      if (run.status === "QUEUED") await enqueueIngestRun({ ...run, status: "QUEUED" });
      else
        await failIngestRun(
          db,
          run.id,
          new Error(
            "The worker reading this file stopped (killed or out of memory) on every attempt; the file was not counted.",
          ),
        );
    }
  },
});
