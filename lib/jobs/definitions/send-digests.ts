import { z } from "zod";
import { db } from "@/lib/db/client";
import { buildDueDigests } from "@/lib/notify/build-due-digests";
import { defineJob } from "../define-job";
import { enqueue } from "../queue";
import { deliverNotificationsJob } from "./deliver-notifications";

/**
 * Every minute: gathers the notices whose digest is due (each organisation's due times are
 * worked out in its own time zone when a notice is queued) into one digest per organisation,
 * contact and due time, then asks for delivery. Safe to run twice: digests are unique per period.
 */
export const sendDigestsJob = defineJob({
  name: "notify.send-digests",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "stately", retryLimit: 1, expireInSeconds: 10 * 60 },
  async handler() {
    const built = await buildDueDigests(db);
    if (built > 0) await enqueue(deliverNotificationsJob, {});
  },
});
