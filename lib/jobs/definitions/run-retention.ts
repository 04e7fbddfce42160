import { z } from "zod";
import { db } from "@/lib/db/client";
import { defaultInboxDir } from "@/lib/ingest/drop-folder";
import { uploadsDir } from "@/lib/ingest/upload-storage";
import { runRetention } from "@/lib/retention/run-retention";
import { defineJob } from "../define-job";

/** Daily: removes or anonymises what the retention settings say is due (see lib/retention/run-retention.ts). */
export const runRetentionJob = defineJob({
  name: "maintenance.retention",
  schema: z.object({}).strict(),
  cron: "41 3 * * *",
  queue: { policy: "stately", retryLimit: 3, expireInSeconds: 60 * 60 },
  async handler() {
    const uploads = uploadsDir();
    await runRetention(db, { roots: [uploads, defaultInboxDir()], uploadsDir: uploads });
  },
});
