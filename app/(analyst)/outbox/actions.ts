"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { deliverNotificationsJob } from "@/lib/jobs/definitions/deliver-notifications";
import { enqueue } from "@/lib/jobs/queue";
import { changeNotification } from "@/lib/notify/manage-outbox";

const ZOutboxActionSchema = z.object({ notificationId: z.uuid(), action: z.enum(["retry", "cancel", "approve"]) });

export const changeNotificationAction = staffAction(
  ZOutboxActionSchema,
  async ({ notificationId, action }, { actor }): Promise<ActionState> => {
    await changeNotification(db, { notificationId, action, actor });
    if (action !== "cancel") await enqueue(deliverNotificationsJob, {});
    revalidatePath("/outbox");
    return { ok: true, message: action === "cancel" ? "Cancelled." : "Queued for delivery." };
  },
);
