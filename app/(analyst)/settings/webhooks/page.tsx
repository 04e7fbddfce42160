import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookEndpointsTable } from "@/components/webhooks/webhook-endpoints-table";
import { WebhookEndpointForm } from "@/components/webhooks/webhook-forms";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhooks";
import { webhookUrlPolicy } from "@/lib/webhooks/manage-webhook-endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";
import { createWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await pageStaff("/settings/webhooks");
  const [endpoints, policy] = await Promise.all([listWebhookEndpoints(db), webhookUrlPolicy(db)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description={
          <>
            Other systems (a SOAR, a ticket system) are told when incidents change: a signed JSON POST per event
            (Standard Webhooks), retried with backoff.{" "}
            <Link href="/settings" className="text-sky-800 underline">
              Settings
            </Link>{" "}
            hold the hosts they may go to.
          </>
        }
      />
      {policy.allowedHosts.length === 0 ? (
        <Alert tone="info">
          No host is allowed yet: an administrator lists the receivers' hosts in the setting “Hosts webhooks may be sent
          to” first.
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          Allowed hosts:{" "}
          {policy.allowedHosts.map((host) => (
            <code key={host} className="mr-2">
              {host}
            </code>
          ))}
        </p>
      )}
      {endpoints.length === 0 ? <EmptyState title="No webhooks yet" /> : <WebhookEndpointsTable rows={endpoints} />}
      <Card title="Add a webhook" className="max-w-2xl">
        <WebhookEndpointForm action={createWebhookAction} events={WEBHOOK_EVENTS} />
      </Card>
    </div>
  );
}
