import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { BulkActionForm } from "@/components/incidents/bulk-action-form";
import { BulkProgress } from "@/components/incidents/bulk-progress";
import { LiveRefresh } from "@/components/ingest/live-refresh";
import { buttonClassName } from "@/components/ui/button";
import { listBulkStatusChanges } from "@/lib/incidents/bulk-status-change";
import { QueueFilters } from "@/components/incidents/queue-filters";
import { QueueSkeleton } from "@/components/incidents/queue-skeleton";
import { QueueTable } from "@/components/incidents/queue-table";
import { StatusCounts } from "@/components/incidents/status-counts";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import { pageStaff } from "@/lib/http/page-guards";
import { listAssignableUsers } from "@/lib/incidents/assign-incident";
import { describeResolution } from "@/lib/incidents/describe-resolution";
import { describeActivity } from "@/lib/incidents/describe-activity";
import {
  FIRST_PAGE,
  hasFilters,
  incidentQueryString,
  incidentQueueHref,
  PAGE_SIZES,
  parseIncidentQuery,
  queueSortLinks,
  queueTabHref,
  queueTabOf,
  type TIncidentQuery,
} from "@/lib/incidents/incident-query";
import { timeAgo } from "@/lib/time/time-ago";
import { searchIncidents } from "@/lib/incidents/search-incidents";
import { findOrganisationChoice } from "@/lib/orgs/organisation-choices";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { MAX_EXPORT_INCIDENTS } from "@/lib/exchange/load-export-incidents";

export const metadata: Metadata = { title: "Incidents" };

const SORT_TEXT = { lastSeen: "last seen", reference: "reference", flows: "flows", status: "status" } as const;

function describeSort(query: TIncidentQuery): string {
  const direction =
    query.sort === "lastSeen"
      ? query.dir === "desc"
        ? "newest first"
        : "oldest first"
      : query.dir === "desc"
        ? "descending"
        : "ascending";
  return `sorted by ${SORT_TEXT[query.sort]}, ${direction}`;
}

/**
 * The guard, the organisation lookup and the redirects to the canonical URL run before anything
 * streams (real 307s and 403s; signing in returns to the same filtered view); the results
 * stream in behind a skeleton.
 */
export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const parsed = parseIncidentQuery(params);
  const problems = [...parsed.problems];
  const user = await pageStaff(`/incidents${incidentQueryString(parsed.query)}`);
  const organisation = parsed.query.organisation ? await findOrganisationChoice(db, parsed.query.organisation) : null;
  if (parsed.query.organisation && !organisation)
    problems.push(`No organisation is called "${parsed.query.organisation}"; showing every organisation.`);
  const query: TIncidentQuery = { ...parsed.query, organisation: organisation?.slug, organisationId: organisation?.id };
  // The filter form submits its empty fields and the organisation's name: answer with the short URL people can share.
  const emptyField = Object.values(params).some(
    (value) => value === "" || (Array.isArray(value) && value.includes("")),
  );
  if (emptyField || (organisation && parsed.query.organisation !== organisation.slug))
    redirect(incidentQueueHref(query));
  return (
    <Suspense key={incidentQueryString(query)} fallback={<QueueSkeleton />}>
      <IncidentQueue
        query={query}
        problems={problems}
        organisationName={organisation?.name ?? parsed.query.organisation}
        viewerId={user.id}
      />
    </Suspense>
  );
}

async function IncidentQueue({
  query,
  problems,
  organisationName,
  viewerId,
}: {
  query: TIncidentQuery;
  problems: string[];
  organisationName?: string;
  viewerId: string;
}) {
  const [result, assignees, bulkChanges] = await Promise.all([
    searchIncidents(db, { query, viewerId }),
    listAssignableUsers(db),
    listBulkStatusChanges(db),
  ]);
  const filters = incidentQueryString(query, FIRST_PAGE);
  const search = query.search;
  const filtered = hasFilters(query);
  const now = new Date();
  const tab = queueTabOf(query);

  return (
    <div className="space-y-6">
      {result.total > 0 ? (
        <a
          href="#results"
          className="sr-only focus:not-sr-only focus:inline-block focus:rounded focus:bg-white focus:p-2 focus:text-sky-800 focus:underline"
        >
          Skip to results
        </a>
      ) : null}
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Incidents</h1>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600" aria-live="polite" data-testid="result-count">
            {result.total.toLocaleString("en-GB")} {result.total === 1 ? "incident" : "incidents"}
            {filtered ? (result.total === 1 ? " matches the filters" : " match the filters") : ""}
          </p>
          {result.total > 0 ? (
            <a href={`/incidents/export.csv${filters}`} download className={buttonClassName("secondary")}>
              Export CSV
            </a>
          ) : null}
        </div>
      </div>
      <BulkProgress changes={bulkChanges} />
      <LiveRefresh active={bulkChanges.some((change) => change.state !== "DONE")} intervalMs={2000} />

      <StatusCounts query={query} counts={result.statusCounts} attentionCount={result.attentionCount} />
      <QueueExportLinks query={query} />
      <QueueFilters
        query={query}
        organisationName={organisationName}
        assignees={assignees}
        searchError={search.kind === "invalid" ? search.message : undefined}
      />

      {problems.length ? <Alert tone="info">{problems.join(" ")}</Alert> : null}
      {query.run ? (
        <Alert tone="info">
          Showing the incidents one ingest run raised or updated.{" "}
          <Link href={incidentQueueHref(query, { run: undefined, ...FIRST_PAGE })} className="underline">
            Show every incident
          </Link>
          .
        </Alert>
      ) : null}
      {search.kind === "invalid" ? <Alert tone="error">{search.message}</Alert> : null}
      {search.kind === "cidr" && search.normalisedFrom ? (
        <Alert tone="info">
          {search.normalisedFrom} has bits set below its prefix; showing sources inside {search.cidr}.
        </Alert>
      ) : null}

      {result.total === 0 ? (
        search.kind === "invalid" ? null : filtered ? (
          <EmptyState title="No incidents match these filters">
            <Link href="/incidents" className="text-sky-700 underline">
              Clear the filters
            </Link>{" "}
            to see every open incident.
          </EmptyState>
        ) : tab === "attention" ? (
          <EmptyState title="Nothing needs attention">
            No institution has acknowledged, responded to or resolved an incident since an analyst last opened it.
          </EmptyState>
        ) : tab === "open" && result.statusCounts.RESOLVED + result.statusCounts.CLOSED > 0 ? (
          <EmptyState title="No open incidents">
            Every incident is resolved or closed.{" "}
            <Link href={queueTabHref(query, "all")} className="text-sky-700 underline">
              Show all incidents
            </Link>
            .
          </EmptyState>
        ) : (
          <EmptyState title="No incidents yet">
            Incidents appear here once the worker finds scanning in ingested flows. Upload a flow file on the{" "}
            <Link href="/ingest" className="text-sky-700 underline">
              ingest page
            </Link>
            .
          </EmptyState>
        )
      ) : (
        <BulkActionForm
          total={result.total}
          filters={filters}
          assignees={[
            { value: "", label: "Choose…" },
            ...assignees.map((assignee) => ({ value: assignee.id, label: assignee.name })),
            { value: "none", label: "Nobody (unassign)" },
          ]}
          statuses={[
            { value: "", label: "Choose…" },
            ...Object.values(IncidentStatus)
              .filter((status) => status !== "NEW")
              .map((status) => ({ value: status, label: STATUS_LABEL[status] })),
          ]}
        >
          <QueueTable
            rows={result.rows.map((row) => ({
              id: row.id,
              reference: row.reference,
              type: row.type,
              status: row.status,
              severity: row.severity,
              merged: row.mergedIntoId !== null,
              port: row.port,
              organisationName: row.organisationName,
              sourceIp: row.sourceIp,
              flowCount: row.flowCount,
              assigneeName: row.assigneeName,
              resolution: describeResolution(row),
              lastSeen: row.lastSeen,
              needsAttention: row.needsAttention,
              noContact: row.noContact,
              legalHold: row.legalHold,
              lastActivity: row.lastActivity
                ? {
                    text: describeActivity(row.lastActivity),
                    ago: timeAgo(row.lastActivity.at, now),
                    at: row.lastActivity.at,
                  }
                : null,
            }))}
            sortLinks={queueSortLinks(query)}
            caption={`Incidents: ${result.rows.length} shown of ${result.total}, ${describeSort(query)}${result.paged ? "" : ", from the first"}.`}
          />
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-4 text-sm">
            <div className="flex flex-wrap items-center gap-4">
              {result.paged ? (
                <Link href={incidentQueueHref(query, FIRST_PAGE)} className="text-sky-700 underline">
                  First page
                </Link>
              ) : null}
              {result.previousCursor ? (
                <Link
                  href={incidentQueueHref(query, { after: undefined, before: result.previousCursor })}
                  className="text-sky-700 underline"
                  rel="prev"
                >
                  Previous page
                </Link>
              ) : (
                <span className="text-slate-500">Previous page</span>
              )}
              <span className="tabular-nums">
                {result.rows.length.toLocaleString("en-GB")} shown of {result.total.toLocaleString("en-GB")}
              </span>
              {result.nextCursor ? (
                <Link
                  href={incidentQueueHref(query, { after: result.nextCursor, before: undefined })}
                  className="text-sky-700 underline"
                  rel="next"
                >
                  Next page
                </Link>
              ) : (
                <span className="text-slate-500">Next page</span>
              )}
            </div>
            <div className="flex items-center gap-2">
              <span className="text-slate-600">Per page:</span>
              {PAGE_SIZES.map((size) =>
                size === query.size ? (
                  <span key={size} aria-current="true" className="font-semibold">
                    {size}
                  </span>
                ) : (
                  <Link
                    key={size}
                    href={incidentQueueHref(query, { size, ...FIRST_PAGE })}
                    className="text-sky-700 underline"
                  >
                    {size}
                  </Link>
                ),
              )}
            </div>
          </nav>
        </BulkActionForm>
      )}
    </div>
  );
}

/** The current view (its filters, every page) for sharing; TLP:RED and TLP:AMBER+STRICT incidents are left out. */
function QueueExportLinks({ query }: { query: TIncidentQuery }) {
  const filters = incidentQueryString(query, FIRST_PAGE);
  const href = (format: string) => `/incidents/export${filters ? `${filters}&` : "?"}format=${format}`;
  return (
    <p className="text-sm text-slate-700" data-testid="queue-export">
      Export this view for sharing (newest {MAX_EXPORT_INCIDENTS}; never TLP:RED or TLP:AMBER+STRICT):{" "}
      <a href={href("misp")} download className="text-sky-700 underline">
        MISP events
      </a>{" "}
      ·{" "}
      <a href={href("stix")} download className="text-sky-700 underline">
        STIX 2.1 bundle
      </a>
    </p>
  );
}
