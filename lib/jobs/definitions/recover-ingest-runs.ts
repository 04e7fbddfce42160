import { z } from "zod";
import { db } from "@/lib/db/client";
import { findStalledRuns } from "@/lib/ingest/find-stalled-runs";
import { defaultInboxDir, settleDropFolderFile } from "@/lib/ingest/drop-folder";
import { failIngestRun } from "@/lib/ingest/process-ingest-run";
import { defineJob, type JobDefinition } from "../define-job";
import { ensureQueue, getQueue } from "../queue";
import { enqueueIngestRun, processIngestRunJob } from "./process-ingest-run";

const LIVE_JOB_STATES = new Set(["created", "retry", "active"]);

/**
 * Every minute: runs that no job is looking after any more. A QUEUED run whose job was lost is
 * queued again; a RUNNING run whose worker died on its last attempt (killed, out of memory)
 * fails with that reason, so its stream moves on and an analyst sees why. Runs whose job is
 * still alive are left to pg-boss, which retries a job whose heartbeat stopped. A job that
 * failed for good keeps its stream's key blocked in pg-boss (`key_strict_fifo`), so every later
 * file of that stream would wait for ever: its run fails with the job's reason and the job is
 * removed, which lets the stream move on.
 */
export const recoverIngestRunsJob = defineJob({
  name: "ingest.recover-runs",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, expireInSeconds: 5 * 60 },
  async handler() {
    const boss = await getQueue();
    await ensureQueue(boss, processIngestRunJob as JobDefinition<unknown>);
    await unblockStreams(boss);
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

type Boss = Awaited<ReturnType<typeof getQueue>>;

async function unblockStreams(boss: Boss): Promise<void> {
  for (const key of await boss.getBlockedKeys(processIngestRunJob.name)) {
    for (const job of await boss.findJobs(processIngestRunJob.name, { key })) {
      if (job.state !== "failed") continue;
      const parsed = processIngestRunJob.schema.safeParse(job.data);
      if (parsed.success) await failUnfinishedRun(parsed.data.runId, job.output);
      await boss.deleteJob(processIngestRunJob.name, job.id);
    }
  }
}

async function failUnfinishedRun(runId: string, output: unknown): Promise<void> {
  const run = await db.ingestRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run || (run.status !== "QUEUED" && run.status !== "RUNNING")) return;
  const reason =
    output && typeof output === "object" && "message" in output && typeof output.message === "string"
      ? output.message
      : "no reason recorded";
  const failed = await failIngestRun(
    db,
    runId,
    new Error(`Reading this file failed on every attempt (${reason}); the file was not counted.`),
  );
  await settleDropFolderFile(db, failed, defaultInboxDir());
}
