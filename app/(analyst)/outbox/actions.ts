"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { type ActionState, validatedAction } from "@/lib/http/action";
import { deliverNotificationsJob } from "@/lib/jobs/definitions/deliver-notifications";
import { enqueue } from "@/lib/jobs/queue";
import { changeNotification } from "@/lib/notify/manage-outbox";

const ZOutboxActionSchema = z.object({ notificationId: z.uuid(), action: z.enum(["retry", "cancel", "approve"]) });

export const changeNotificationAction = validatedAction(ZOutboxActionSchema, async ({ notificationId, action }, user): Promise<ActionState> => {
  await requireStaff();
  await changeNotification(db, { notificationId, action, actor: { id: user.id, label: user.email } });
  if (action !== "cancel") await enqueue(deliverNotificationsJob, {});
  revalidatePath("/outbox");
  return { ok: true, message: action === "cancel" ? "Cancelled." : "Queued for delivery." };
});
