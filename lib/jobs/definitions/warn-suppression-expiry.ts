import { z } from "zod";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/get-settings";
import { deliverSuppressionNotices } from "@/lib/suppressions/deliver-suppression-notices";
import { queueExpiryWarnings } from "@/lib/suppressions/queue-expiry-warnings";
import { defineJob } from "../define-job";

/**
 * Daily: organisations are told `suppression.expiryWarningDays` before a suppression ends (once
 * per suppression), and the warnings are sent. A message that could not be sent yet makes the job
 * fail, so the queue runs it again (with backoff) rather than waiting a day.
 */
export const warnSuppressionExpiryJob = defineJob({
  name: "suppressions.warn-expiry",
  schema: z.object({}).strict(),
  cron: "17 6 * * *",
  queue: { policy: "short", retryLimit: 8, retryDelay: 120, retryBackoff: true, expireInSeconds: 15 * 60 },
  async handler() {
    const settings = await getSettings(db);
    await queueExpiryWarnings(db, { warningDays: settings["suppression.expiryWarningDays"] });
    const { retry } = await deliverSuppressionNotices(db);
    if (retry > 0) throw new Error(`${retry} suppression notice(s) could not be sent yet; trying again`);
  },
});
