import Link from "next/link";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import { incidentQueueHref, type TIncidentQuery } from "@/lib/incidents/incident-query";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { STATUS_TONE } from "./status-badge";

const TONE_CLASSES = {
  red: "border-red-200 bg-red-50 text-red-900",
  amber: "border-amber-200 bg-amber-50 text-amber-900",
  sky: "border-sky-200 bg-sky-50 text-sky-900",
  emerald: "border-emerald-200 bg-emerald-50 text-emerald-900",
  slate: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

/** Counts per status for the current filters (the status filter aside); each links to that status alone. */
export function StatusCounts({ query, counts }: { query: TIncidentQuery; counts: Record<IncidentStatus, number> }) {
  const all = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const only = query.statuses.length === 1 ? query.statuses[0] : undefined;
  return (
    <nav aria-label="Incidents by status">
      <ul className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
        <li>
          <Link
            href={incidentQueueHref(query, { statuses: [], page: 1 })}
            aria-current={query.statuses.length === 0 ? "page" : undefined}
            className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 ${query.statuses.length === 0 ? "border-sky-700 bg-sky-700 text-white" : "border-slate-200 bg-white text-slate-800 hover:bg-slate-50"}`}
          >
            All <span className="tabular-nums font-semibold">{all.toLocaleString("en-GB")}</span>
          </Link>
        </li>
        {Object.values(IncidentStatus).map((status) => (
          <li key={status}>
            <Link
              href={incidentQueueHref(query, { statuses: [status], page: 1 })}
              aria-current={only === status ? "page" : undefined}
              className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 hover:brightness-95 ${only === status ? "ring-2 ring-sky-700" : ""} ${TONE_CLASSES[STATUS_TONE[status]]}`}
            >
              {STATUS_LABEL[status]} <span className="tabular-nums font-semibold">{counts[status].toLocaleString("en-GB")}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
