import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { defaultDirection, incidentQueueHref, type TIncidentQuery, type TIncidentSort } from "@/lib/incidents/incident-query";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";
import type { IncidentQueueRow } from "@/lib/incidents/search-incidents";
import { SeverityBadge, StatusBadge } from "./status-badge";

function SortHeader({ query, sort, children, className = "" }: { query: TIncidentQuery; sort: TIncidentSort; children: React.ReactNode; className?: string }) {
  const active = query.sort === sort;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : defaultDirection(sort);
  return (
    <th scope="col" className={`px-3 py-2 ${className}`} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={incidentQueueHref(query, { sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {children}
        <span aria-hidden="true" className="text-xs text-slate-500">{active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}</span>
        <span className="sr-only">{active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; select to reverse` : ", select to sort"}</span>
      </Link>
    </th>
  );
}

export function QueueTable({ rows, query, caption }: { rows: IncidentQueueRow[]; query: TIncidentQuery; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="incident-queue">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <input type="checkbox" data-select-all aria-label="Select all incidents on this page" className="size-4 accent-sky-700" />
            </th>
            <SortHeader query={query} sort="reference">Reference</SortHeader>
            <SortHeader query={query} sort="status">Status</SortHeader>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Organisation</th>
            <th scope="col" className="px-3 py-2">Source</th>
            <SortHeader query={query} sort="flows" className="text-right">Flows</SortHeader>
            <th scope="col" className="px-3 py-2">Assignee</th>
            <SortHeader query={query} sort="lastSeen">Last seen (UTC)</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top hover:bg-slate-50" data-testid="incident-row">
              <td className="px-3 py-2">
                <input type="checkbox" name={`select:${row.id}`} value="1" data-select-row aria-label={`Select incident #${row.reference}`} className="size-4 accent-sky-700" />
              </td>
              <th scope="row" className="px-3 py-2 font-medium tabular-nums">
                <Link href={`/incidents/${row.reference}`} className="text-sky-700 underline-offset-2 hover:underline">#{row.reference}</Link>
              </th>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-1">
                  <StatusBadge status={row.status} />
                  {row.severity === "HIGH" || row.severity === "CRITICAL" ? <SeverityBadge severity={row.severity} /> : null}
                </div>
                {row.mergedIntoId ? <span className="mt-1 block text-xs text-slate-600">merged</span> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{TYPE_LABEL[row.type]}{row.port ? <span className="text-slate-500"> · {row.port}</span> : null}</td>
              <td className="px-3 py-2">{row.organisationName}</td>
              <td className="px-3 py-2 font-mono text-xs">{row.sourceIp}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.flowCount.toLocaleString("en-GB")}</td>
              <td className="px-3 py-2">{row.assigneeName ?? <span className="text-slate-500">Unassigned</span>}</td>
              <td className="px-3 py-2 whitespace-nowrap"><UtcTime value={row.lastSeen} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
