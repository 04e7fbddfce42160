import { z } from "zod";
import { db } from "@/lib/db/client";
import { deleteExpiredRunFiles } from "@/lib/ingest/delete-expired-run-files";
import { defaultInboxDir } from "@/lib/ingest/drop-folder";
import { uploadsDir } from "@/lib/ingest/upload-storage";
import { getSettings } from "@/lib/settings/get-settings";
import { defineJob } from "../define-job";

/** Daily: flow files of runs finished more than `ingest.retainFilesDays` ago are deleted (see deleteExpiredRunFiles). */
export const deleteExpiredRunFilesJob = defineJob({
  name: "maintenance.delete-expired-run-files",
  schema: z.object({}).strict(),
  cron: "41 3 * * *",
  queue: { policy: "short", retryLimit: 3, expireInSeconds: 30 * 60 },
  async handler() {
    const settings = await getSettings(db);
    const uploads = uploadsDir();
    await deleteExpiredRunFiles(db, {
      retainDays: settings["ingest.retainFilesDays"],
      roots: [uploads, defaultInboxDir()],
      uploadsDir: uploads,
    });
  },
});
