import { z } from "zod";
import { db } from "@/lib/db/client";
import { defaultInboxDir, settleDropFolderFile } from "@/lib/ingest/drop-folder";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { defineJob } from "../define-job";
import { enqueue } from "../queue";
import { deliverNotificationsJob } from "./deliver-notifications";

export const processIngestRunJob = defineJob({
  name: "ingest.process-run",
  schema: z.object({ runId: z.uuid() }),
  queue: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 * 60 },
  async handler({ runId }) {
    const { run, incidents } = await processIngestRun(db, runId);
    await settleDropFolderFile(db, run, defaultInboxDir());
    if (incidents.some((incident) => incident.action !== "updated")) await enqueue(deliverNotificationsJob, {});
  },
});
