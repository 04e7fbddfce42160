import { z } from "zod";
import { db } from "@/lib/db/client";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { defaultInboxDir, settleDropFolderFile } from "@/lib/ingest/drop-folder";
import { failIngestRun, type IngestOutcome, processIngestRun } from "@/lib/ingest/process-ingest-run";
import { defineJob } from "../define-job";
import { enqueue } from "../queue";
import { deliverNotificationsJob } from "./deliver-notifications";

const RETRY_LIMIT = 3;
/** The worker refreshes the job every 10 s while it reads; a killed worker's job is retried after 20 s of silence. */
const HEARTBEAT_SECONDS = 20;

/**
 * Ingests one file. Files of one stream run one at a time, in the order they were queued
 * (pg-boss `key_strict_fifo`, keyed by stream), because detection continues from each file
 * to the next; different streams run in parallel on every worker there is. The last attempt
 * never throws: a file that keeps failing fails its run, and the stream moves on.
 */
export const processIngestRunJob = defineJob({
  name: "ingest.stream-file",
  schema: z.object({ runId: z.uuid() }),
  // A heartbeat, not a guess at the longest file, tells a dead worker from a slow one; the expiry only bounds a hung one.
  queue: {
    policy: "key_strict_fifo",
    retryLimit: RETRY_LIMIT,
    retryDelay: 5,
    retryBackoff: true,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    expireInSeconds: 6 * 3600,
  },
  async handler({ runId }, { retryCount, signal }) {
    let outcome: IngestOutcome;
    try {
      outcome = await processIngestRun(db, runId, { signal });
    } catch (error) {
      if (retryCount < RETRY_LIMIT) throw error;
      outcome = { run: await failIngestRun(db, runId, error), incidents: [] };
    }
    await settleDropFolderFile(db, outcome.run, defaultInboxDir());
    if (outcome.incidents.some((incident) => incident.action === "created" || incident.action === "reopened"))
      await enqueue(deliverNotificationsJob, {});
  },
});

/** Queues a registered run behind the earlier files of its stream. */
export async function enqueueIngestRun(run: Pick<IngestRun, "id" | "status" | "streamId">): Promise<void> {
  if (run.status !== "QUEUED") return;
  await enqueue(processIngestRunJob, { runId: run.id }, { singletonKey: `stream:${run.streamId ?? "default"}` });
}
