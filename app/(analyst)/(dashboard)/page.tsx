import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { CountBars } from "@/components/dashboard/count-bars";
import { IncidentsPerDayChart } from "@/components/dashboard/incidents-per-day-chart";
import { StatCard } from "@/components/dashboard/stat-card";
import { TopOrganisationsTable } from "@/components/dashboard/top-organisations-table";
import { StatusBadge } from "@/components/incidents/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageLoading } from "@/components/ui/page-loading";
import { isStaff } from "@/lib/auth/guards";
import { countActiveOrganisations } from "@/lib/dashboard/count-active-organisations";
import { countIncidentsPerDay } from "@/lib/dashboard/count-incidents-per-day";
import { countOpenIncidents } from "@/lib/dashboard/count-open-incidents";
import { DASHBOARD_WINDOW_DAYS } from "@/lib/dashboard/dashboard-window";
import { formatDuration, getMedianResponseTimes, type MedianFigure } from "@/lib/dashboard/get-median-response-times";
import { listTopOrganisations } from "@/lib/dashboard/list-top-organisations";
import { db } from "@/lib/db/client";
import { pageUser } from "@/lib/http/page-guards";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";

export const metadata: Metadata = { title: "Dashboard" };

function medianText(figure: MedianFigure): string {
  return figure.medianSeconds === null ? "—" : formatDuration(figure.medianSeconds);
}

function medianDetail(figure: MedianFigure, verb: string): string {
  if (figure.incidents === 0) return `No incident ${verb} in the last ${DASHBOARD_WINDOW_DAYS} days.`;
  return `Over ${figure.incidents} ${figure.incidents === 1 ? "incident" : "incidents"} ${verb} in the last ${DASHBOARD_WINDOW_DAYS} days, from when each was raised.`;
}

/** Guard first: sign-in and portal redirects are real redirects, not streamed ones; the figures stream in. */
export default async function DashboardPage() {
  const user = await pageUser("/");
  if (!isStaff(user)) redirect("/portal");
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Dashboard"
        description={`Figures as of ${now.toISOString().slice(0, 16).replace("T", " ")} UTC.`}
      />
      <Suspense fallback={<PageLoading label="Loading the figures…" cards={4} heading={false} />}>
        <DashboardFigures now={now} />
      </Suspense>
    </div>
  );
}

async function DashboardFigures({ now }: { now: Date }) {
  const [open, perDay, top, medians, organisations] = await Promise.all([
    countOpenIncidents(db, { now }),
    countIncidentsPerDay(db, { now }),
    listTopOrganisations(db, { limit: 10 }),
    getMedianResponseTimes(db, { now }),
    countActiveOrganisations(db),
  ]);
  const raised = perDay.reduce((sum, day) => sum + day.count, 0);

  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Open incidents"
          value={
            <Link href="/incidents" className="hover:underline">
              {open.total}
            </Link>
          }
          detail="New, notified, acknowledged or reopened."
          testId="open-incidents"
        />
        <StatCard
          label="Median time to acknowledge"
          value={medianText(medians.acknowledge)}
          detail={medianDetail(medians.acknowledge, "acknowledged")}
          testId="median-acknowledge"
        />
        <StatCard
          label="Median time to resolve"
          value={medianText(medians.resolve)}
          detail={medianDetail(medians.resolve, "resolved")}
          testId="median-resolve"
        />
        <StatCard
          label="Member organisations"
          value={
            <Link href="/organisations" className="hover:underline">
              {organisations}
            </Link>
          }
          detail="Active organisations with address space."
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Open incidents by status">
          {open.total === 0 ? (
            <EmptyState title="No open incidents" />
          ) : (
            <CountBars
              label="Open incidents by status"
              testId="open-by-status"
              rows={open.byStatus.map((row) => ({
                key: row.status,
                label: <StatusBadge status={row.status} />,
                name: `${STATUS_LABEL[row.status].toLowerCase()} incidents`,
                count: row.count,
                href: `/incidents?status=${row.status}`,
              }))}
            />
          )}
        </Card>
        <Card title="Open incidents by age">
          {open.total === 0 ? (
            <EmptyState title="No open incidents" />
          ) : (
            <CountBars
              label="Open incidents by time since they were raised"
              testId="open-by-age"
              rows={open.byAge.map((bucket) => ({
                key: bucket.key,
                label: bucket.label,
                name: bucket.label,
                count: bucket.count,
              }))}
            />
          )}
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={`Incidents per day, last ${DASHBOARD_WINDOW_DAYS} days`} className="lg:col-span-2">
          {raised === 0 ? (
            <EmptyState title={`No incidents raised in the last ${DASHBOARD_WINDOW_DAYS} days`} />
          ) : (
            <IncidentsPerDayChart days={perDay} />
          )}
        </Card>
        <Card title="Top organisations by open incidents">
          {top.length === 0 ? (
            <EmptyState title="No organisation has open incidents" />
          ) : (
            <TopOrganisationsTable organisations={top} />
          )}
        </Card>
      </div>
    </div>
  );
}
