import { hostname } from "node:os";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { deliverDueDigests } from "@/lib/notify/deliver-digests";
import { deliverDueNotifications } from "@/lib/notify/deliver-notifications";
import { defineJob } from "../define-job";

/** Sends every due outbox message, then every due digest. Queued on demand and every minute; one runs at a time per queue slot. */
export const deliverNotificationsJob = defineJob({
  name: "notify.deliver",
  schema: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, expireInSeconds: 15 * 60 },
  async handler() {
    const workerId = `${hostname()}:${process.pid}`;
    await deliverDueNotifications(db, { workerId });
    await deliverDueDigests(db, { workerId });
  },
});
