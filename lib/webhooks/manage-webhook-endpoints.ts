import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";
import type { TWebhookEndpointInput } from "./webhook-endpoint-inputs";
import { generateWebhookSecret } from "./webhook-signature";
import {
  checkWebhookUrl,
  resolveDeliverableAddresses,
  WebhookAddressError,
  type WebhookUrlPolicy,
} from "./webhook-url";

export async function webhookUrlPolicy(db: Db | Tx): Promise<WebhookUrlPolicy> {
  const settings = await getSettings(db);
  return {
    allowedHosts: settings["webhooks.allowedHosts"],
    allowLoopback: Number(settings["webhooks.allowLoopback"]) === 1,
  };
}

/** The URL's rules, then its host's addresses now (they are checked again at every delivery). */
async function acceptableUrl(db: Db, text: string): Promise<string> {
  const policy = await webhookUrlPolicy(db);
  const checked = checkWebhookUrl(text, policy);
  if (!checked.ok) throw new AppError("INVALID_INPUT", checked.error);
  try {
    await resolveDeliverableAddresses(checked.url.hostname, policy);
  } catch (error) {
    if (error instanceof WebhookAddressError) throw new AppError("INVALID_INPUT", `${error.message}; not saved.`);
    throw error;
  }
  return checked.url.toString();
}

/** A new endpoint with a new secret, which is returned this once. */
export async function createWebhookEndpoint(
  db: Db,
  { input, actor, context }: { input: TWebhookEndpointInput; actor: AuditActor; context?: AuditContext },
): Promise<{ id: string; secret: string }> {
  const url = await acceptableUrl(db, input.url);
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
        secret,
        createdById: actor.id ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "webhook.create",
      target: { type: "WebhookEndpoint", id: endpoint.id },
      context,
      data: { url, events: input.events, enabled: input.enabled, description: input.description },
    });
    return { id: endpoint.id, secret };
  });
}

export async function updateWebhookEndpoint(
  db: Db,
  {
    id,
    input,
    actor,
    context,
  }: { id: string; input: TWebhookEndpointInput; actor: AuditActor; context?: AuditContext },
): Promise<void> {
  const url = await acceptableUrl(db, input.url);
  await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id },
      select: { url: true, events: true, enabled: true, description: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "No such webhook.");
    const after = { url, events: input.events, enabled: input.enabled, description: input.description };
    await tx.webhookEndpoint.update({ where: { id }, data: after });
    await recordAudit(tx, {
      actor,
      action: "webhook.update",
      target: { type: "WebhookEndpoint", id },
      context,
      data: { before, after },
    });
  });
}

/** A new secret (returned once); the old one stops signing at once. */
export async function rotateWebhookSecret(
  db: Db,
  { id, actor, context }: { id: string; actor: AuditActor; context?: AuditContext },
): Promise<{ secret: string }> {
  const secret = generateWebhookSecret();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id }, data: { secret } });
    if (count === 0) throw new AppError("NOT_FOUND", "No such webhook.");
    await recordAudit(tx, { actor, action: "webhook.rotate-secret", target: { type: "WebhookEndpoint", id }, context });
  });
  return { secret };
}

/** The endpoint and its delivery log go; the audit log keeps what it was. */
export async function deleteWebhookEndpoint(
  db: Db,
  { id, actor, context }: { id: string; actor: AuditActor; context?: AuditContext },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const deleted = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true, events: true } });
    if (!deleted) throw new AppError("NOT_FOUND", "No such webhook.");
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, {
      actor,
      action: "webhook.delete",
      target: { type: "WebhookEndpoint", id },
      context,
      data: deleted,
    });
  });
}
