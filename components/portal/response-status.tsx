import { Card } from "@/components/ui/card";
import { rootCauseLabel } from "@/lib/portal/response-options";
import { readableTime } from "@/lib/time/readable-time";

/** What the institution has already done on this incident, in place of the forms it no longer needs. */
export function ResponseStatus({
  incident,
}: {
  incident: {
    acknowledgedAt: Date | null;
    resolvedAt: Date | null;
    rootCause: string | null;
    resolutionNote: string | null;
    resolvedBy: string | null;
    status: string;
    timeZone?: string;
  };
}) {
  return (
    <>
      {incident.acknowledgedAt ? (
        <Card title="Acknowledged">
          <p className="text-sm" data-testid="acknowledged">
            Acknowledged on {readableTime(incident.acknowledgedAt, incident.timeZone)}.
          </p>
        </Card>
      ) : null}
      {incident.status === "RESOLVED" || incident.status === "CLOSED" ? (
        <Card title={incident.status === "CLOSED" ? "Closed" : "Resolved"}>
          <div className="space-y-1 text-sm" data-testid="resolution">
            {incident.resolvedAt ? (
              <p>
                Resolved on {readableTime(incident.resolvedAt, incident.timeZone)}
                {incident.resolvedBy ? ` by ${incident.resolvedBy.replace(/^institution: /, "")}` : ""}.
              </p>
            ) : null}
            {incident.rootCause ? <p>Root cause: {rootCauseLabel(incident.rootCause)}</p> : null}
            {incident.resolutionNote ? (
              <p className="whitespace-pre-line break-words text-slate-700">{incident.resolutionNote}</p>
            ) : null}
          </div>
        </Card>
      ) : null}
    </>
  );
}
