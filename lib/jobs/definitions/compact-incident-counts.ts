import { z } from "zod";
import { db } from "@/lib/db/client";
import { compactIncidentCounts } from "@/lib/incidents/incident-counts";
import { defineJob } from "../define-job";

export const compactIncidentCountsJob = defineJob({
  name: "maintenance.compact-incident-counts",
  schema: z.object({}).strict(),
  cron: "*/5 * * * *",
  async handler() {
    await compactIncidentCounts(db);
  },
});
