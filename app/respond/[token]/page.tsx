import { csirtIdentity } from "@/lib/notify/csirt-identity";
import { checklistNotes } from "@/lib/portal/checklist-state";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { PortalIncidentView } from "@/components/portal/portal-incident-view";
import { AcknowledgeForm, RespondForm } from "@/components/portal/response-forms";
import { ResponseStatus } from "@/components/portal/response-status";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { canTransition } from "@/lib/incidents/status-machine";
import { callerFromLink } from "@/lib/portal/portal-caller";
import { getLinkedIncident, type getPortalIncident } from "@/lib/portal/portal-incidents";
import { acknowledgeByLinkAction, respondByLinkAction } from "./actions";

export const metadata: Metadata = {
  title: "Respond to an incident",
  referrer: "no-referrer",
  robots: { index: false },
};

/** The page behind the link in a notification: this one incident, acknowledge and respond, no password. */
export default async function RespondPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: Awaited<ReturnType<typeof getPortalIncident>>;
  try {
    const caller = await callerFromLink(db, token, requestContext(await headers()));
    if (caller.kind !== "link") throw new Error("unreachable");
    view = await getLinkedIncident(db, caller);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const csirt = csirtIdentity();
    return (
      <main className="mx-auto max-w-lg space-y-4 px-6 py-12">
        <h1 className="text-2xl font-semibold">This link does not work</h1>
        <Alert tone="error">{error.message}</Alert>
        <p className="text-slate-800">
          Some mail programs cut long links in two. If the link in our e-mail runs over two lines, copy all of it into
          the address bar, or{" "}
          <Link href="/signin" className="text-sky-800 underline">
            sign in with your e-mail address
          </Link>{" "}
          instead.
        </p>
        <p className="text-slate-800" data-testid="csirt-contact">
          This page belongs to {csirt.name}.{" "}
          {csirt.email ? (
            <>
              Questions: reply to our e-mail or write to{" "}
              <a href={`mailto:${csirt.email}`} className="break-words text-sky-800 underline">
                {csirt.email}
              </a>
              , keeping the incident number from its subject (&ldquo;[CSIRT #…]&rdquo;).
            </>
          ) : (
            <>
              Questions: reply to our e-mail, keeping the incident number from its subject (&ldquo;[CSIRT #…]&rdquo;).
            </>
          )}
        </p>
      </main>
    );
  }
  const hidden = { token, reference: String(view.reference) };
  const open = view.status !== "RESOLVED" && view.status !== "CLOSED";
  return (
    <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <PortalIncidentView incident={view} downloadBase={`/respond/${token}/evidence`} />
        <div className="min-w-0 space-y-6">
          {canTransition(view.status, "ACKNOWLEDGED") ? (
            <Card title="Acknowledge">
              <AcknowledgeForm action={acknowledgeByLinkAction} hidden={hidden} />
            </Card>
          ) : null}
          <ResponseStatus incident={view} />
          {open ? (
            <Card title="Respond">
              <RespondForm
                action={respondByLinkAction}
                hidden={hidden}
                ticked={checklistNotes(view.checklist, view.timeZone)}
              />
            </Card>
          ) : null}
          {canTransition(view.status, "RESOLVED") ? (
            <Card title="Resolve">
              <p className="text-sm">
                To resolve the incident,{" "}
                <Link
                  href={`/signin?callbackUrl=${encodeURIComponent(`/portal/incidents/${view.reference}`)}`}
                  className="text-sky-800 underline"
                >
                  sign in with your e-mail address
                </Link>
                .
              </p>
            </Card>
          ) : null}
        </div>
      </div>
    </main>
  );
}
