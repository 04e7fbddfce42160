import { z } from "zod";
import { pruneRateLimits } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { defineJob } from "../define-job";

const KEEP_HOURS = 24;

export const pruneRateLimitsJob = defineJob({
  name: "maintenance.prune-rate-limits",
  schema: z.object({}).strict(),
  cron: "17 * * * *",
  async handler() {
    await pruneRateLimits(db, new Date(Date.now() - KEEP_HOURS * 3600 * 1000));
  },
});
