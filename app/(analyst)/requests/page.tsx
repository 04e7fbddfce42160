import type { Metadata } from "next";
import Link from "next/link";
import { DecideRequestForm } from "@/components/portal/decide-request-form";
import { DecideSuppressionForm } from "@/components/suppressions/decide-suppression-form";
import { shownNetwork } from "@/components/suppressions/suppression-list";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { CHANGE_REQUEST_KIND_LABEL, CONTACT_ROLE_LABEL } from "@/lib/labels";
import { listPendingAllowListEntries } from "@/lib/orgs/list-pending-allow-list-entries";
import { listPendingContactChanges } from "@/lib/portal/contact-change-requests";
import { decideSuppressionAction } from "./actions";

export const metadata: Metadata = { title: "Requests" };

const PAYLOAD_FIELD_LABEL: Record<string, string> = { name: "name", email: "new e-mail", role: "role" };

function describePayload(payload: Record<string, string>): string {
  return Object.entries(payload)
    .filter(([key]) => key !== "contactId")
    .map(([key, value]) => {
      const shown = key === "role" ? (CONTACT_ROLE_LABEL[value as keyof typeof CONTACT_ROLE_LABEL] ?? value) : value;
      return `${PAYLOAD_FIELD_LABEL[key] ?? key}: ${shown}`;
    })
    .join(", ");
}

function daysUntil(end: Date, now: Date): number {
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 86_400_000));
}

export default async function RequestsPage() {
  await pageStaff("/requests");
  const now = new Date();
  const [changes, allowList] = await Promise.all([
    listPendingContactChanges(db),
    listPendingAllowListEntries(db, { now }),
  ]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Requests from institutions</h1>
      <section aria-labelledby="contact-changes" className="space-y-3">
        <h2 id="contact-changes" className="text-lg font-semibold">
          Contact changes
        </h2>
        {changes.length === 0 ? (
          <EmptyState title="Nothing waiting" />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {changes.map((request) => (
              <li key={request.id} className="space-y-2 px-4 py-3 text-sm" data-testid="change-request">
                <p>
                  <strong>{request.organisation.name}</strong>: {CHANGE_REQUEST_KIND_LABEL[request.kind]}
                  {request.contact ? (
                    <>
                      {" "}
                      — {request.contact.name} ({request.contact.email})
                    </>
                  ) : null}
                  {" — "}
                  {describePayload(request.payload as Record<string, string>)}{" "}
                  <span className="text-slate-600">
                    (asked by {request.requestedByLabel}
                    {request.reason ? `: ${request.reason}` : ""})
                  </span>
                </p>
                <DecideRequestForm requestId={request.id} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="suppressions" className="space-y-3">
        <h2 id="suppressions" className="text-lg font-semibold">
          Suppressions waiting for approval
        </h2>
        {allowList.length === 0 ? (
          <EmptyState title="Nothing waiting" />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {allowList.map((entry) => (
              <li key={entry.id} className="space-y-2 px-4 py-3" data-testid="suppression-request">
                <div className="space-y-1 break-words">
                  <p>
                    <Link href={`/organisations/${entry.organisation.slug}`} className="text-sky-800 underline">
                      {entry.organisation.name}
                    </Link>
                    : <span className="font-mono font-medium">{shownNetwork(entry.network)}</span> until{" "}
                    <time dateTime={entry.expiresAt.toISOString()}>{entry.expiresAt.toISOString().slice(0, 10)}</time>{" "}
                    <span className="text-slate-600">({daysUntil(entry.expiresAt, now)} days)</span>
                  </p>
                  <p>{entry.reason}</p>
                  <p className="text-xs text-slate-600">
                    Asked by {entry.createdBy?.email ?? "an analyst"} on {entry.createdAt.toISOString().slice(0, 10)}
                  </p>
                </div>
                <DecideSuppressionForm
                  action={decideSuppressionAction}
                  organisationId={entry.organisationId}
                  entryId={entry.id}
                  network={shownNetwork(entry.network)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
