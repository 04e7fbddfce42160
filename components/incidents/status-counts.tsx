import Link from "next/link";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import {
  FIRST_PAGE,
  incidentQueueHref,
  queueTabHref,
  queueTabOf,
  type TIncidentQuery,
  type TQueueTab,
} from "@/lib/incidents/incident-query";
import { OPEN_STATUSES, STATUS_LABEL } from "@/lib/incidents/status-labels";
import { STATUS_TONE } from "./status-badge";

const TONE_CLASSES = {
  red: "border-red-200 bg-red-50 text-red-900",
  amber: "border-amber-200 bg-amber-50 text-amber-900",
  sky: "border-sky-200 bg-sky-50 text-sky-900",
  emerald: "border-emerald-200 bg-emerald-50 text-emerald-900",
  slate: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

const TABS: Array<{ tab: TQueueTab; label: string }> = [
  { tab: "open", label: "Open" },
  { tab: "attention", label: "Needs attention" },
  { tab: "all", label: "All" },
];

/**
 * The queue's tabs (Open, the default; Needs attention: the institution acted since an analyst
 * last opened the incident; All) and the counts per status for the current filters (the status
 * filter aside), each linking to that status alone.
 */
export function StatusCounts({
  query,
  counts,
  attentionCount,
}: {
  query: TIncidentQuery;
  counts: Record<IncidentStatus, number>;
  attentionCount: number;
}) {
  const tabCount: Record<TQueueTab, number> = {
    open: OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0),
    attention: attentionCount,
    all: Object.values(counts).reduce((sum, count) => sum + count, 0),
  };
  const currentTab = queueTabOf(query);
  const only = !query.needsAttention && query.statuses.length === 1 ? query.statuses[0] : undefined;
  return (
    <div className="space-y-3">
      <nav aria-label="Queue views">
        <ul className="flex flex-wrap gap-2 border-b border-slate-200 text-sm" data-testid="queue-tabs">
          {TABS.map(({ tab, label }) => {
            const current = currentTab === tab;
            return (
              <li key={tab}>
                <Link
                  href={queueTabHref(query, tab)}
                  aria-current={current ? "page" : undefined}
                  data-testid={`tab-${tab}`}
                  className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 ${current ? "border-sky-700 font-semibold text-sky-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"}`}
                >
                  {label}
                  <span
                    className={`rounded-full px-2 text-xs tabular-nums ${tab === "attention" && tabCount.attention > 0 ? "bg-amber-200 text-amber-950" : "bg-slate-100 text-slate-800"}`}
                  >
                    {tabCount[tab].toLocaleString("en-GB")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label="Incidents by status">
        <ul className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
          {Object.values(IncidentStatus).map((status) => (
            <li key={status}>
              <Link
                href={incidentQueueHref(query, { statuses: [status], needsAttention: false, ...FIRST_PAGE })}
                aria-current={only === status ? "page" : undefined}
                className={`inline-flex items-center gap-2 rounded-md border px-3 py-1 hover:brightness-95 ${only === status ? "ring-2 ring-sky-700" : ""} ${TONE_CLASSES[STATUS_TONE[status]]}`}
              >
                {STATUS_LABEL[status]}{" "}
                <span className="tabular-nums font-semibold">{counts[status].toLocaleString("en-GB")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
