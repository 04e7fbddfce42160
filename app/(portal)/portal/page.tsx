import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { countOf, STATUS_LABEL } from "@/lib/labels";
import { listOwnOrganisations } from "@/lib/portal/list-own-organisations";
import { listPortalIncidents } from "@/lib/portal/portal-incidents";
import { formatHours, responseTimes } from "@/lib/portal/response-times";

export const metadata: Metadata = { title: "Your organisation" };

export default async function PortalHomePage() {
  const user = await pageUserWithRole("/portal", "INSTITUTION");
  const [organisations, incidents, times] = await Promise.all([
    listOwnOrganisations(db, { organisationIds: user.organisationIds }),
    listPortalIncidents(db, { kind: "user", user }),
    responseTimes(db, { organisationIds: user.organisationIds }),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold break-words">
        {organisations.map((organisation) => organisation.name).join(", ")}
      </h1>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Card title="Your address space">
          <p className="font-mono text-sm">
            {organisations.flatMap((organisation) => organisation.blocks.map((block) => block.network)).join(", ")}
          </p>
          <Link href="/portal/contacts" className="mt-2 inline-block text-sm text-sky-800 underline">
            Contacts and address space
          </Link>
        </Card>
        <Card title="Your time to acknowledge">
          <p className="text-2xl font-semibold" data-testid="tta">
            {formatHours(times.medianHoursToAcknowledge)}
          </p>
          <p className="text-xs text-slate-600">median, last 30 days ({countOf(times.acknowledged, "incident")})</p>
        </Card>
        <Card title="Your time to resolve">
          <p className="text-2xl font-semibold" data-testid="ttr">
            {formatHours(times.medianHoursToResolve)}
          </p>
          <p className="text-xs text-slate-600">median, last 30 days ({countOf(times.resolved, "incident")})</p>
        </Card>
      </div>
      <section aria-labelledby="incidents-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="incidents-heading" className="text-lg font-semibold">
            Incidents, open first
          </h2>
          {incidents.length ? (
            <a href="/portal/incidents/export.csv" download className="text-sm text-sky-800 underline">
              Download all as CSV
            </a>
          ) : null}
        </div>
        {incidents.length === 0 ? (
          <EmptyState title="No incidents for your organisation" />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {incidents.map((incident) => (
              <li key={incident.id} className="px-4 py-3" data-testid="portal-incident">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Link
                    href={`/portal/incidents/${incident.reference}`}
                    className="font-medium break-all text-sky-800 hover:underline"
                  >
                    #{incident.reference} · {incident.sourceIp}
                  </Link>
                  <Badge tone={incident.status === "RESOLVED" || incident.status === "CLOSED" ? "emerald" : "amber"}>
                    {STATUS_LABEL[incident.status]}
                  </Badge>
                </div>
                <p className="mt-1 text-sm break-words text-slate-700">{incident.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
