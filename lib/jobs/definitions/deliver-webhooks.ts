import { z } from "zod";
import { db } from "@/lib/db/client";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { defineJob } from "../define-job";

/**
 * Sends every due webhook delivery (the outbox rows the timeline trigger wrote, retries whose time
 * has come, replays). Every minute, and at once after a replay; one runs at a time per queue slot.
 */
export const deliverWebhooksJob = defineJob({
  name: "webhooks.deliver",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, expireInSeconds: 15 * 60 },
  async handler() {
    await deliverDueWebhooks(db);
  },
});
