import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TlpBadge } from "@/components/incidents/tlp-badge";
import { effectiveTlp, TLP_MEANING, tlpLabel } from "@/lib/tlp/tlp";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import type { getPortalIncident } from "@/lib/portal/portal-incidents";
import { rootCauseLabel } from "@/lib/portal/response-options";
import { readableTime } from "@/lib/time/readable-time";
import { groupRepeatedFiles, repeatedNote } from "@/lib/incidents/group-repeated-files";

type PortalIncident = Awaited<ReturnType<typeof getPortalIncident>>;

/** What an institution sees of one incident: the summary, the sample, files and the shared timeline. */
export function PortalIncidentView({ incident, downloadBase }: { incident: PortalIncident; downloadBase: string }) {
  return (
    <div className="min-w-0 space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          {incident.organisation.name} · incident #{incident.reference}
        </p>
        <h1 className="mt-1 text-2xl font-semibold break-words">SSH activity from {incident.sourceIp}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Badge tone={incident.status === "RESOLVED" || incident.status === "CLOSED" ? "emerald" : "amber"}>
            {STATUS_LABEL[incident.status]}
          </Badge>
          <TlpBadge tlp={incident.tlp} />
          {incident.rootCause ? (
            <span className="text-sm">Root cause: {rootCauseLabel(incident.rootCause)}</span>
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-700" data-testid="tlp-meaning">
        <strong>{tlpLabel(incident.tlp)}</strong>: {TLP_MEANING.en[incident.tlp]}
      </p>
      <Card title="What we saw">
        <p className="break-words" data-testid="incident-summary">
          {incident.summary}
        </p>
        {incident.sampleText ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">Log sample</h3>
            <pre
              className="mt-2 max-h-[28rem] overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
              tabIndex={0}
              role="region"
              aria-label="Log sample, scrolls sideways"
            >
              {incident.sampleText}
            </pre>
          </>
        ) : null}
      </Card>
      {incident.evidence.length ? (
        <Card title="Files">
          <ul className="space-y-1 text-sm">
            {groupRepeatedFiles(incident.evidence).map((group) => (
              <li key={group.file.id} className="break-words">
                <a className="break-all text-sky-800 underline" href={`${downloadBase}/${group.file.id}`} download>
                  {group.file.fileName}
                </a>{" "}
                {group.file.tlp && group.file.tlp !== incident.tlp ? (
                  <TlpBadge tlp={effectiveTlp(incident.tlp, group.file.tlp)} />
                ) : null}{" "}
                <span className="text-slate-600">
                  — {group.file.title}
                  {repeatedNote(group)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Timeline">
        <ol className="space-y-3 text-sm">
          {incident.timeline.map((event) => (
            <li key={event.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-xs text-slate-600">
                <time dateTime={event.createdAt.toISOString()}>{readableTime(event.createdAt, incident.timeZone)}</time>{" "}
                · <span data-testid="timeline-actor">{event.actor}</span>
              </p>
              <p className="whitespace-pre-line break-words">{event.message}</p>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
