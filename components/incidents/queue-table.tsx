"use client";

import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import type { IncidentStatus, IncidentType, Severity } from "@/lib/generated/prisma/enums";
import type { ResolutionSummary } from "@/lib/incidents/describe-resolution";
import type { TIncidentSort, TSortLink } from "@/lib/incidents/incident-query";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { SeverityBadge, StatusBadge } from "./status-badge";

/** What a queue row shows, and no more: this crosses to the browser as data, not as markup. */
export interface QueueTableRow {
  id: string;
  reference: number;
  type: IncidentType;
  status: IncidentStatus;
  severity: Severity;
  merged: boolean;
  port: number | null;
  organisationName: string;
  sourceIp: string;
  flowCount: number;
  assigneeName: string | null;
  lastSeen: Date;
  resolution: ResolutionSummary | null;
  /** The institution acted since an analyst last opened the incident. */
  needsAttention: boolean;
  /** Nobody at the organisation can be told (no active, deliverable contact). */
  noContact: boolean;
  /** Under legal hold (retention leaves it alone). */
  legalHold: boolean;
  /** What happened last, in words, and how long ago (worked out on the server, so both sides agree). */
  lastActivity: { text: string; ago: string; at: Date } | null;
}

function SortHeader({ link }: { link: TSortLink }) {
  return (
    <th
      scope="col"
      className={`px-3 py-2 ${link.alignRight ? "text-right" : ""}`}
      aria-sort={link.current ? (link.current === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link href={link.href} className="inline-flex items-center gap-1 hover:underline">
        {link.label}
        <span aria-hidden="true" className="text-xs text-slate-500">
          {link.current ? (link.current === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">
          {link.current
            ? `, sorted ${link.current === "asc" ? "ascending" : "descending"}; select to reverse`
            : ", select to sort"}
        </span>
      </Link>
    </th>
  );
}

/**
 * A client component although it has no state: fifty rows sent as data and rendered here cost
 * the server a fraction of sending them as a server-rendered element tree.
 */
export function QueueTable({
  rows,
  sortLinks,
  caption,
}: {
  rows: QueueTableRow[];
  sortLinks: Record<TIncidentSort, TSortLink>;
  caption: string;
}) {
  return (
    <div
      id="results"
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={-1}
      role="region"
      aria-label={`${caption} (scrolls sideways on small screens)`}
    >
      <table className="w-full text-left text-sm" data-testid="incident-queue">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <input
                type="checkbox"
                data-select-all
                aria-label="Select all incidents on this page"
                className="size-4 accent-sky-700"
              />
            </th>
            <SortHeader link={sortLinks.reference} />
            <SortHeader link={sortLinks.status} />
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Organisation
            </th>
            <th scope="col" className="px-3 py-2">
              Source
            </th>
            <SortHeader link={sortLinks.flows} />
            <th scope="col" className="px-3 py-2">
              Assignee
            </th>
            <th scope="col" className="px-3 py-2">
              Last activity
            </th>
            <SortHeader link={sortLinks.lastSeen} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              className="border-t border-slate-100 align-top hover:bg-slate-50"
              data-testid="incident-row"
            >
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  name={`select:${row.id}`}
                  value="1"
                  data-select-row
                  aria-label={`Select incident #${row.reference}`}
                  className="size-4 accent-sky-700"
                />
              </td>
              <th scope="row" className="px-3 py-2 font-medium tabular-nums">
                {/* No prefetch: fifty rows would otherwise ask the server for fifty incident pages on every queue view. */}
                <Link
                  href={`/incidents/${row.reference}`}
                  prefetch={false}
                  className="text-sky-700 underline-offset-2 hover:underline"
                >
                  #{row.reference}
                </Link>
              </th>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-1">
                  <StatusBadge status={row.status} />
                  {row.severity === "HIGH" || row.severity === "CRITICAL" ? (
                    <SeverityBadge severity={row.severity} />
                  ) : null}
                </div>
                {row.merged ? <span className="mt-1 block text-xs text-slate-600">merged</span> : null}
                {row.resolution?.byInstitution ? (
                  <span className="mt-1 block max-w-56 text-xs text-emerald-900" data-testid="queue-resolution">
                    Resolved by the institution{row.resolution.rootCause ? `: ${row.resolution.rootCause}` : ""}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {TYPE_LABEL[row.type]}
                {row.port ? <span className="text-slate-500"> · {row.port}</span> : null}
              </td>
              <td className="px-3 py-2">{row.organisationName}</td>
              <td className="px-3 py-2 font-mono text-xs">{row.sourceIp}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.flowCount.toLocaleString("en-GB")}</td>
              <td className="px-3 py-2">{row.assigneeName ?? <span className="text-slate-600">Unassigned</span>}</td>
              <td className="px-3 py-2" data-testid="last-activity">
                {row.needsAttention ? (
                  <span
                    className="mb-1 inline-flex rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-950"
                    data-testid="needs-attention"
                  >
                    Needs attention
                  </span>
                ) : null}
                {row.noContact ? (
                  <span
                    className="mb-1 ml-1 inline-flex rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900"
                    data-testid="no-contact"
                  >
                    No contact can be told
                  </span>
                ) : null}
                {row.legalHold ? (
                  <span
                    className="mb-1 ml-1 inline-flex rounded bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900"
                    data-testid="legal-hold"
                  >
                    Legal hold
                  </span>
                ) : null}
                {row.lastActivity ? (
                  <span className="block min-w-40 text-xs text-slate-700">
                    {row.lastActivity.text}{" "}
                    <time
                      dateTime={row.lastActivity.at.toISOString()}
                      title={`${row.lastActivity.at.toISOString().slice(0, 16).replace("T", " ")} UTC`}
                      className="whitespace-nowrap text-slate-600"
                    >
                      {row.lastActivity.ago}
                    </time>
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <UtcTime value={row.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
