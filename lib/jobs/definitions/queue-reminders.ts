import { z } from "zod";
import { db } from "@/lib/db/client";
import { queueDueReminders } from "@/lib/notify/queue-reminders";
import { getSettings } from "@/lib/settings/get-settings";
import { enqueue } from "../queue";
import { defineJob } from "../define-job";
import { deliverNotificationsJob } from "./deliver-notifications";

export const queueRemindersJob = defineJob({
  name: "notify.queue-reminders",
  schema: z.object({}).strict(),
  cron: "*/15 * * * *",
  async handler() {
    const settings = await getSettings(db);
    const queued = await queueDueReminders(db, { afterHours: settings["notify.reminderAfterHours"] });
    if (queued > 0) await enqueue(deliverNotificationsJob, {});
  },
});
