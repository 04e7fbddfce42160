import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/ingest/live-refresh";
import { RowActionButton } from "@/components/orgs/row-action-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookDeliveries } from "@/components/webhooks/webhook-deliveries";
import { RotateSecretForm, WebhookEndpointForm } from "@/components/webhooks/webhook-forms";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/list-webhooks";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";
import {
  deleteWebhookAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  updateWebhookAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageStaff(`/settings/webhooks/${id}`);
  if (!UUID.test(id)) notFound();
  const [endpoint, deliveries] = await Promise.all([
    getWebhookEndpoint(db, { id }),
    listWebhookDeliveries(db, { endpointId: id }),
  ]);
  if (!endpoint) notFound();
  const waiting = deliveries.some((row) => row.state === "SENDING" || (row.state === "QUEUED" && row.attempts === 0));
  return (
    <div className="space-y-6">
      <LiveRefresh active={waiting} intervalMs={3000} />
      <p className="text-sm">
        <Link href="/settings/webhooks" className="text-sky-800 underline">
          ← Webhooks
        </Link>
      </p>
      <PageHeader
        title={<span className="break-all">{endpoint.url}</span>}
        description={endpoint.description || undefined}
        actions={
          <RowActionButton
            action={deleteWebhookAction}
            fields={{ id: endpoint.id }}
            label="Delete webhook"
            accessibleLabel={`Delete webhook ${endpoint.url}`}
            variant="danger"
            confirm="Delete this webhook and its delivery log?"
          />
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Endpoint">
          <WebhookEndpointForm action={updateWebhookAction} events={WEBHOOK_EVENTS} endpoint={endpoint} />
        </Card>
        <Card title="Signing secret">
          <p className="mb-3 text-sm text-slate-700">
            Each delivery carries <code>webhook-id</code>, <code>webhook-timestamp</code> and{" "}
            <code>webhook-signature</code> (<code>v1,</code> + base64 HMAC-SHA256 of <code>id.timestamp.body</code>,
            keyed with the base64 part of the secret). The secret was shown once when it was made.
          </p>
          <RotateSecretForm action={rotateWebhookSecretAction} id={endpoint.id} />
        </Card>
      </div>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Deliveries
        </h2>
        {deliveries.length === 0 ? (
          <EmptyState title="Nothing sent yet">Events appear here as incidents change.</EmptyState>
        ) : (
          <WebhookDeliveries rows={deliveries} replayAction={replayWebhookDeliveryAction} />
        )}
      </section>
    </div>
  );
}
