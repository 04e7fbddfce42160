import type { Metadata } from "next";
import { IncidentTable } from "@/components/incidents/incident-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { organisationScope } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";

export const metadata: Metadata = { title: "Your organisation" };

export default async function PortalHomePage() {
  const user = await pageUserWithRole("/portal", "INSTITUTION");
  const scope = organisationScope(user);
  const [organisations, incidents] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: user.organisationIds } }, orderBy: { name: "asc" }, include: { blocks: { select: { network: true } } } }),
    db.incident.findMany({
      where: scope,
      orderBy: [{ lastSeen: "desc" }],
      take: 100,
      select: { id: true, reference: true, status: true, sourceIp: true, summary: true, lastSeen: true, organisation: { select: { name: true } } },
    }),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{organisations.map((organisation) => organisation.name).join(", ")}</h1>
      <Card title="Your address space">
        <p className="font-mono text-sm">{organisations.flatMap((organisation) => organisation.blocks.map((block) => block.network)).join(", ")}</p>
      </Card>
      <section aria-labelledby="incidents-heading" className="space-y-3">
        <h2 id="incidents-heading" className="text-lg font-semibold">Incidents</h2>
        {incidents.length === 0 ? <EmptyState title="No incidents for your organisation" /> : <IncidentTable incidents={incidents} caption="Your organisation's incidents" />}
      </section>
    </div>
  );
}
