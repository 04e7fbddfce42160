import { checklistNotes } from "@/lib/portal/checklist-state";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PortalIncidentView } from "@/components/portal/portal-incident-view";
import { AcknowledgeForm, ResolveForm, RespondForm } from "@/components/portal/response-forms";
import { ResponseStatus } from "@/components/portal/response-status";
import { Card } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { parseIncidentReference } from "@/lib/incidents/incident-reference";
import { canTransition } from "@/lib/incidents/status-machine";
import { getPortalIncident } from "@/lib/portal/portal-incidents";
import { acknowledgeAction, resolveAction, respondAction } from "../../actions";

export const metadata: Metadata = { title: "Incident" };

export default async function PortalIncidentPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference: raw } = await params;
  const user = await pageUserWithRole(`/portal/incidents/${encodeURIComponent(raw)}`, "INSTITUTION");
  const reference = parseIncidentReference(raw);
  if (reference === null) notFound();
  const incident = await getPortalIncident(db, { kind: "user", user }, reference).catch((error: unknown) => {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  });
  const hidden = { reference: String(reference) };
  const open = incident.status !== "RESOLVED" && incident.status !== "CLOSED";
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="min-w-0">
        <Link href="/portal" className="text-sm text-sky-800 underline">
          ← All incidents
        </Link>
        <div className="mt-3">
          <PortalIncidentView incident={incident} downloadBase={`/portal/incidents/${reference}/evidence`} />
        </div>
      </div>
      <div className="min-w-0 space-y-6">
        {canTransition(incident.status, "ACKNOWLEDGED") ? (
          <Card title="Acknowledge">
            <AcknowledgeForm action={acknowledgeAction} hidden={hidden} />
          </Card>
        ) : null}
        {open ? (
          <Card title="Respond">
            <RespondForm
              action={respondAction}
              hidden={hidden}
              ticked={checklistNotes(incident.checklist, incident.timeZone)}
            />
          </Card>
        ) : null}
        {canTransition(incident.status, "RESOLVED") ? (
          <Card title="Resolve">
            <ResolveForm action={resolveAction} hidden={hidden} />
          </Card>
        ) : null}
        <ResponseStatus incident={incident} />
      </div>
    </div>
  );
}
