import type { Metadata } from "next";
import Link from "next/link";
import { RevokeLinksForm } from "@/components/incidents/revoke-links-form";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ActivityChart } from "@/components/incidents/activity-chart";
import { AssignForm } from "@/components/incidents/assign-form";
import { IncidentSkeleton } from "@/components/incidents/incident-skeleton";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { MergeForm } from "@/components/incidents/merge-form";
import { NoteForm } from "@/components/incidents/note-form";
import { SeverityBadge, StatusBadge } from "@/components/incidents/status-badge";
import { StatusControls } from "@/components/incidents/status-controls";
import { TlpBadge } from "@/components/incidents/tlp-badge";
import { EvidenceTlpForm, TlpForm } from "@/components/incidents/tlp-form";
import { tlpAllowsExport } from "@/lib/tlp/tlp";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { NoticeOutcomeList } from "@/components/notify/notice-outcomes";
import { listNoticeOutcomes } from "@/lib/notify/list-notice-outcomes";
import { Card } from "@/components/ui/card";
import { UtcTime } from "@/components/ui/utc-time";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listAssignableUsers } from "@/lib/incidents/assign-incident";
import { describeResolution } from "@/lib/incidents/describe-resolution";
import { getIncidentDetail } from "@/lib/incidents/get-incident-detail";
import { markIncidentSeen } from "@/lib/incidents/mark-incident-seen";
import { readableSummary } from "@/lib/incidents/readable-summary";
import { parseIncidentReference } from "@/lib/incidents/incident-reference";
import { CONTACT_ROLE_LABEL, TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { allowedTransitions } from "@/lib/incidents/status-machine";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { listIncidentMail } from "@/lib/mail/list-incident-mail";
import { renderMessageTemplates } from "@/lib/mail/message-templates";
import { IncidentMailList } from "@/components/mail/incident-mail-list";
import { WriteMessageForm } from "@/components/mail/write-message-form";
import { LegalHoldForm } from "@/components/incidents/legal-hold-form";
import { legalHoldAction, sendMessageAction } from "./actions";
import { groupRepeatedFiles, repeatedNote } from "@/lib/incidents/group-repeated-files";

type Props = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Incident #${(await params).reference}` };
}

const LEGEND_FIELDS = [
  ["{start_day}{start_time}Z", "when the flow started, UTC (the day is on its own line above)"],
  ["{protocol}", "IP protocol"],
  ["{srcaddress}:{srcport}", "the member host and its port"],
  ["{dstaddress}:{dstport}", "the host it contacted and the port"],
  ["{str_tcp_flags}", "TCP flags seen, UAPRSF (URG ACK PSH RST SYN FIN), - where unset"],
  ["{dpackets} {doctets}", "packets and bytes in the flow"],
] as const;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The guard and the existence check run before anything streams, so a refusal is a real 403 or
 * redirect and an unknown reference a real 404; the incident itself streams in behind a
 * skeleton.
 */
export default async function IncidentPage({ params }: Props) {
  const { reference: referenceText } = await params;
  await pageStaff(`/incidents/${encodeURIComponent(referenceText)}`);
  const reference = /^\d+$/.test(referenceText) ? parseIncidentReference(referenceText) : null;
  if (reference === null) notFound();
  if (!(await markIncidentSeen(db, { reference }))) notFound();
  return (
    <Suspense fallback={<IncidentSkeleton />}>
      <IncidentDetailView reference={reference} />
    </Suspense>
  );
}

async function IncidentDetailView({ reference }: { reference: number }) {
  const [detail, users] = await Promise.all([getIncidentDetail(db, { reference }), listAssignableUsers(db)]);
  if (!detail) notFound();
  const [mail, notices] = await Promise.all([
    listIncidentMail(db, { incidentId: detail.incident.id }),
    listNoticeOutcomes(db, { incidentId: detail.incident.id }),
  ]);
  const { incident, evidence, matchingBlock, sample, thirdParty, activity } = detail;
  const downloadHref = (id: string) => `/incidents/${incident.reference}/evidence/${id}`;
  const flowLists = groupRepeatedFiles(evidence.filter((item) => item.kind === "FLOW_LIST")).map((group) => group.file);
  const sampleEvidence = evidence.filter((item) => item.kind === "FLOW_SAMPLE").at(-1);
  const institutionFiles = groupRepeatedFiles(evidence.filter((item) => item.kind === "FILE"));
  const resolution =
    incident.status === "RESOLVED" || incident.status === "CLOSED" ? describeResolution(incident) : null;

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <p className="text-sm">
          <Link href="/incidents" className="text-sky-700 underline-offset-2 hover:underline">
            ← Incidents
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">Incident #{incident.reference}</h1>
          <TlpBadge tlp={incident.tlp} />
          <StatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          <Badge>{TYPE_LABEL[incident.type]}</Badge>
          {incident.round > 0 ? <Badge tone="red">{`relapse ${incident.round}`}</Badge> : null}
          {incident.legalHold ? <Badge tone="amber">Legal hold</Badge> : null}
          {incident.anonymisedAt ? <Badge>Anonymised</Badge> : null}
        </div>
        <p className="max-w-4xl break-words text-slate-800" data-testid="summary" title={incident.summary}>
          {readableSummary(incident.summary)}
        </p>
        {resolution ? (
          <Alert tone="success">
            <span data-testid="resolution-banner">
              {resolution.byInstitution ? "Resolved by the institution" : "Resolved"}
              {resolution.by ? ` (${resolution.by})` : ""}
              {incident.resolvedAt ? (
                <>
                  {" "}
                  on <UtcTime value={incident.resolvedAt} />
                </>
              ) : null}
              {resolution.rootCause ? (
                <>
                  . Root cause: <strong>{resolution.rootCause}</strong>.
                </>
              ) : (
                "."
              )}
            </span>
            {incident.resolutionNote ? (
              <span className="mt-1 block whitespace-pre-line break-words">{incident.resolutionNote}</span>
            ) : null}
          </Alert>
        ) : null}
        {incident.legalHold ? (
          <Alert tone="info">
            <span data-testid="legal-hold-banner">
              Under legal hold
              {incident.legalHoldAt ? (
                <>
                  {" "}
                  since <UtcTime value={incident.legalHoldAt} />
                </>
              ) : null}
              : {incident.legalHoldReason}. Retention will not delete or anonymise anything of this incident.
            </span>
          </Alert>
        ) : null}
        {incident.anonymisedAt ? (
          <Alert tone="info">
            Anonymised after the retention period on <UtcTime value={incident.anonymisedAt} />: its figures stay, its
            evidence and personal data are gone.
          </Alert>
        ) : null}
        {notices.noContactAt ? (
          <Alert tone="error">
            <span data-testid="no-contact-flag">
              Nobody at the organisation can be told about this incident: it has no active contact with a deliverable
              address. Add or fix a contact on the organisation page, then notify them from here.
            </span>
          </Alert>
        ) : null}
        {incident.mergedInto ? (
          <Alert tone="info">
            This incident was merged into{" "}
            <Link href={`/incidents/${incident.mergedInto.reference}`} className="underline">
              #{incident.mergedInto.reference}
            </Link>
            ; work on that one.
          </Alert>
        ) : null}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Activity over time">
            <ActivityChart activity={activity} />
          </Card>

          <Card title="Log sample">
            {sample ? (
              <div className="space-y-3">
                <p className="text-sm text-slate-600">{sample.title}. This is the text institutions receive.</p>
                <pre
                  className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100"
                  data-testid="flow-sample"
                  tabIndex={0}
                  role="region"
                  aria-label="Log sample"
                >
                  {sample.text}
                </pre>
                <details className="text-sm">
                  <summary className="cursor-pointer text-sky-700">What the legend means</summary>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                    {LEGEND_FIELDS.map(([field, meaning]) => (
                      <div key={field} className="contents">
                        <dt className="font-mono text-xs">{field}</dt>
                        <dd className="text-slate-700">{meaning}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </div>
            ) : (
              <p className="text-sm text-slate-600">No flow sample: this incident was not raised from flow data.</p>
            )}
            <div className="mt-4 flex flex-wrap gap-3 text-sm">
              {sampleEvidence ? (
                <a href={downloadHref(sampleEvidence.id)} download className="text-sky-700 underline">
                  Download sample (.txt, {formatBytes(sampleEvidence.bytes)})
                </a>
              ) : null}
              {flowLists.map((item, index) => (
                <a
                  key={item.id}
                  href={downloadHref(item.id)}
                  download
                  className="text-sky-700 underline"
                  title={item.title}
                >
                  Download flows{flowLists.length > 1 ? ` ${index + 1}` : ""} (.csv, {formatBytes(item.bytes)}
                  {item.truncated ? ", capped" : ""})
                </a>
              ))}
            </div>
          </Card>

          {institutionFiles.length ? (
            <Card title="Files from the institution">
              <ul className="space-y-1 text-sm" data-testid="institution-files">
                {institutionFiles.map(({ file: item, copies }) => (
                  <li key={item.id} className="break-words">
                    <a href={downloadHref(item.id)} download className="break-all text-sky-700 underline">
                      {item.fileName}
                    </a>
                    <span className="text-slate-600">
                      {" "}
                      · {formatBytes(item.bytes)} · received <UtcTime value={item.createdAt} />
                      {repeatedNote({ file: item, copies })}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          {thirdParty.length ? (
            <Card title="Third-party evidence">
              <div className="space-y-4">
                {thirdParty.map((item) => (
                  <div key={item.id} className="space-y-2">
                    <p className="text-sm text-slate-700">
                      {item.title} · received <UtcTime value={item.createdAt} />
                    </p>
                    <pre
                      className="max-h-80 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs text-slate-900"
                      tabIndex={0}
                      role="region"
                      aria-label={item.title}
                    >
                      {item.text}
                    </pre>
                    <a href={downloadHref(item.id)} download className="text-sm text-sky-700 underline">
                      Download the log{item.cut ? " (the page shows only its beginning)" : ""}
                    </a>
                  </div>
                ))}
              </div>
            </Card>
          ) : null}

          <Card title="Correspondence">
            <IncidentMailList mail={mail} />
            <div className="mt-6 border-t border-slate-200 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Write to the contacts</h3>
              <WriteMessageForm
                incidentId={incident.id}
                reference={incident.reference}
                recipients={incident.organisation.contacts.map((contact) => ({
                  id: contact.id,
                  email: contact.email,
                  label: `${contact.name} <${contact.email}> (${CONTACT_ROLE_LABEL[contact.role]})`,
                  undeliverable: Boolean(contact.undeliverableAt),
                  site: contact.role !== "ESCALATION",
                }))}
                templates={renderMessageTemplates({
                  reference: incident.reference,
                  sourceIp: incident.sourceIp,
                  lastSeen: incident.lastSeen,
                })}
                action={sendMessageAction}
              />
            </div>
          </Card>

          <Card title="Timeline">
            <IncidentTimeline events={incident.timeline} />
            <div className="mt-6 border-t border-slate-200 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Add a note</h3>
              <NoteForm incidentId={incident.id} reference={incident.reference} />
            </div>
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card title="Status">
            <p className="mb-3 text-sm">
              Now <strong data-testid="current-status">{STATUS_LABEL[incident.status].toLowerCase()}</strong>
              {incident.acknowledgedAt ? (
                <span className="block text-xs text-slate-600">
                  Acknowledged <UtcTime value={incident.acknowledgedAt} />
                </span>
              ) : null}
              {incident.resolvedAt ? (
                <span className="block text-xs text-slate-600">
                  Resolved <UtcTime value={incident.resolvedAt} />
                </span>
              ) : null}
              {incident.closedAt ? (
                <span className="block text-xs text-slate-600">
                  Closed <UtcTime value={incident.closedAt} />
                </span>
              ) : null}
            </p>
            <StatusControls
              incidentId={incident.id}
              reference={incident.reference}
              allowed={[...allowedTransitions(incident.status)]}
              recipients={
                incident.organisation.active
                  ? incident.organisation.contacts
                      .filter((contact) => contact.role !== "ESCALATION" && !contact.undeliverableAt)
                      .map((contact) => contact.email)
                  : []
              }
            />
          </Card>

          <Card title="Legal hold">
            <LegalHoldForm
              incidentId={incident.id}
              reference={incident.reference}
              held={incident.legalHold}
              anonymised={Boolean(incident.anonymisedAt)}
              action={legalHoldAction}
            />
          </Card>
          <Card title="TLP (who may see it)">
            <div className="space-y-4" data-testid="tlp-card">
              <TlpBadge tlp={incident.tlp} explain />
              <TlpForm incidentId={incident.id} reference={incident.reference} tlp={incident.tlp} />
              {evidence.length ? (
                <details className="text-sm">
                  <summary className="cursor-pointer text-sky-700">Mark a file stricter</summary>
                  <div className="mt-3 space-y-3">
                    {evidence.map((item) => (
                      <EvidenceTlpForm
                        key={item.id}
                        incidentId={incident.id}
                        reference={incident.reference}
                        incidentTlp={incident.tlp}
                        evidence={item}
                      />
                    ))}
                  </div>
                </details>
              ) : null}
              <div className="border-t border-slate-200 pt-3 text-sm">
                <h3 className="font-semibold text-slate-900">Share with other teams</h3>
                {tlpAllowsExport(incident.tlp, "sharing") ? (
                  <p className="mt-1 flex flex-wrap gap-3">
                    <a
                      href={`/incidents/${incident.reference}/export?format=misp`}
                      download
                      className="text-sky-700 underline"
                    >
                      MISP event (.json)
                    </a>
                    <a
                      href={`/incidents/${incident.reference}/export?format=stix`}
                      download
                      className="text-sky-700 underline"
                    >
                      STIX 2.1 bundle (.json)
                    </a>
                  </p>
                ) : (
                  <p className="mt-1 text-slate-700" data-testid="export-refused">
                    {incident.tlp === "RED"
                      ? "TLP:RED stays here: it is not exported, and notices carry no files."
                      : "TLP:AMBER+STRICT is for the organisation only: it is not exported for sharing."}
                  </p>
                )}
              </div>
            </div>
          </Card>

          <Card title="Assignee">
            <AssignForm
              incidentId={incident.id}
              reference={incident.reference}
              assigneeId={incident.assigneeId}
              users={users}
            />
          </Card>

          <Card title="Source">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">Address</dt>
              <dd className="font-mono" data-testid="source-ip">
                {incident.sourceIp}
              </dd>
              <dt className="text-slate-600">Member block</dt>
              <dd>
                {matchingBlock ? (
                  <>
                    <span className="font-mono">{matchingBlock.network}</span>
                    {matchingBlock.description ? (
                      <span className="text-slate-600"> · {matchingBlock.description}</span>
                    ) : null}
                    {!matchingBlock.current ? (
                      <span className="block text-xs text-slate-600">
                        (the block recorded at detection was removed; this one holds the address now)
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-600">none: no block of this organisation holds the address any more</span>
                )}
              </dd>
              <dt className="text-slate-600">Port</dt>
              <dd>{incident.port ? `${incident.port}/${incident.protocol}` : incident.protocol}</dd>
              <dt className="text-slate-600">Flows</dt>
              <dd className="tabular-nums">{incident.flowCount.toLocaleString("en-GB")}</dd>
              <dt className="text-slate-600">Destinations</dt>
              <dd className="tabular-nums">{incident.distinctTargets.toLocaleString("en-GB")}</dd>
              <dt className="text-slate-600">First seen</dt>
              <dd>
                <UtcTime value={incident.firstSeen} />
              </dd>
              <dt className="text-slate-600">Last seen</dt>
              <dd>
                <UtcTime value={incident.lastSeen} />
              </dd>
              <dt className="text-slate-600">Raised</dt>
              <dd>
                <UtcTime value={incident.createdAt} />
              </dd>
            </dl>
          </Card>

          <Card title="Organisation">
            <p className="font-medium" data-testid="organisation">
              {incident.organisation.name}
            </p>
            <p className="text-xs text-slate-600">
              Notices{" "}
              {incident.organisation.notificationPolicy === "AUTOMATIC"
                ? "go out automatically"
                : "wait for analyst approval"}
              {incident.organisation.active ? "" : " · organisation inactive"}
            </p>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Active contacts</h3>
            {incident.organisation.contacts.length ? (
              <ul className="mt-2 space-y-2 text-sm">
                {incident.organisation.contacts.map((contact) => (
                  <li key={contact.id}>
                    <span className="font-medium">{contact.name}</span>{" "}
                    <Badge>{CONTACT_ROLE_LABEL[contact.role]}</Badge>
                    <a
                      href={`mailto:${contact.email}`}
                      className="block break-all text-sky-700 underline-offset-2 hover:underline"
                    >
                      {contact.email}
                    </a>
                    {contact.phone ? <span className="block text-xs text-slate-600">{contact.phone}</span> : null}
                    {contact.undeliverableAt ? (
                      <span className="block text-xs text-red-800">Undeliverable: {contact.lastBounce}</span>
                    ) : contact.lastBounce ? (
                      <span className="block text-xs text-amber-900">Bounced: {contact.lastBounce}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-red-800">No active contact: nobody can be notified.</p>
            )}
          </Card>

          <Card title="Notices">
            <div className="space-y-3" data-testid="notice-outcomes">
              <NoticeOutcomeList lines={notices.lines} />
              {incident.notifications.length ? (
                <RevokeLinksForm incidentId={incident.id} reference={incident.reference} />
              ) : null}
            </div>
          </Card>

          <Card title="Duplicates">
            {incident.merged.length ? (
              <p className="mb-3 text-sm">
                Merged into this one:{" "}
                {incident.merged.map((merged, index) => (
                  <span key={merged.reference}>
                    {index ? ", " : ""}
                    <Link href={`/incidents/${merged.reference}`} className="text-sky-700 underline">
                      #{merged.reference}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
            {incident.mergedInto ? (
              <p className="text-sm text-slate-600">A merged incident cannot take duplicates.</p>
            ) : (
              <MergeForm incidentId={incident.id} reference={incident.reference} />
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
