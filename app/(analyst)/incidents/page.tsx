import type { Metadata } from "next";
import Link from "next/link";
import { IncidentTable } from "@/components/incidents/incident-table";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";

export const metadata: Metadata = { title: "Incidents" };

const PAGE_SIZE = 50;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await pageStaff("/incidents");
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const [incidents, total] = await Promise.all([
    db.incident.findMany({
      orderBy: [{ lastSeen: "desc" }, { reference: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, reference: true, status: true, sourceIp: true, summary: true, lastSeen: true, organisation: { select: { name: true } } },
    }),
    db.incident.count(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Incidents</h1>
      {total === 0 ? (
        <EmptyState title="No incidents yet">Ingest a flow file with <code>npm run csirt -- ingest &lt;file&gt;</code> or drop it in the inbox folder.</EmptyState>
      ) : (
        <>
          <IncidentTable incidents={incidents} caption="Incidents, most recent activity first" />
          <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
            {page > 1 ? <Link href={`/incidents?page=${page - 1}`} className="text-sky-700 underline">Previous</Link> : null}
            <span>Page {page} of {pages} · {total} incidents</span>
            {page < pages ? <Link href={`/incidents?page=${page + 1}`} className="text-sky-700 underline">Next</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}
