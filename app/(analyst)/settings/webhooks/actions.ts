"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { deliverWebhooksJob } from "@/lib/jobs/definitions/deliver-webhooks";
import { enqueue } from "@/lib/jobs/queue";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/manage-webhook-endpoints";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { readWebhookEndpointForm, readWebhookId, type TNewWebhookSecret } from "@/lib/webhooks/webhook-endpoint-inputs";

/** The new endpoint's secret comes back once, in the action's state. */
export const createWebhookAction = staffAction(
  readWebhookEndpointForm,
  async (input, { actor, context }): Promise<ActionState<TNewWebhookSecret>> => {
    const created = await createWebhookEndpoint(db, { input, actor, context });
    revalidatePath("/settings/webhooks");
    return {
      ok: true,
      message: "Webhook added.",
      data: { secret: created.secret, id: created.id },
    };
  },
);

export const updateWebhookAction = staffAction(
  readWebhookEndpointForm,
  async ({ id, ...input }, { actor, context }): Promise<ActionState<TNewWebhookSecret>> => {
    if (!id) return { error: "No such webhook." };
    await updateWebhookEndpoint(db, { id, input, actor, context });
    revalidatePath(`/settings/webhooks/${id}`);
    return { ok: true, message: "Saved." };
  },
);

export const rotateWebhookSecretAction = staffAction(
  readWebhookId,
  async (id, { actor, context }): Promise<ActionState<TNewWebhookSecret>> => {
    const { secret } = await rotateWebhookSecret(db, { id, actor, context });
    return { ok: true, message: "New secret made; the old one no longer signs.", data: { secret } };
  },
);

export const deleteWebhookAction = staffAction(readWebhookId, async (id, { actor, context }) => {
  await deleteWebhookEndpoint(db, { id, actor, context });
  revalidatePath("/settings/webhooks");
  redirect("/settings/webhooks");
});

export const replayWebhookDeliveryAction = staffAction(
  (form) => readWebhookId(form, "deliveryId"),
  async (deliveryId, { actor, context }) => {
    const { endpointId } = await replayWebhookDelivery(db, { deliveryId, actor, context });
    await enqueue(deliverWebhooksJob, {});
    revalidatePath(`/settings/webhooks/${endpointId}`);
    return { ok: true, message: "Queued to be sent again." };
  },
);
