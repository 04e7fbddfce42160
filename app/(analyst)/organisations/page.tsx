import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  await pageStaff("/organisations");
  const organisations = await db.organisation.findMany({
    orderBy: { name: "asc" },
    include: {
      blocks: { select: { network: true }, orderBy: { network: "asc" } },
      contacts: { where: { active: true }, select: { id: true } },
      _count: { select: { incidents: true } },
    },
  });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Member organisations</h1>
      {organisations.length === 0 ? (
        <EmptyState title="No organisations yet">Import them with <code>npm run csirt -- orgs import members.csv</code>.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Member organisations with their address blocks</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2">Organisation</th>
                <th scope="col" className="px-4 py-2">Address blocks</th>
                <th scope="col" className="px-4 py-2">Active contacts</th>
                <th scope="col" className="px-4 py-2">Incidents</th>
                <th scope="col" className="px-4 py-2">Notifications</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id} className="border-t border-slate-100">
                  <th scope="row" className="px-4 py-2 font-medium">{organisation.name}</th>
                  <td className="px-4 py-2 font-mono text-xs">{organisation.blocks.map((block) => block.network).join(", ")}</td>
                  <td className="px-4 py-2 tabular-nums">{organisation.contacts.length}</td>
                  <td className="px-4 py-2 tabular-nums">{organisation._count.incidents}</td>
                  <td className="px-4 py-2">
                    <Badge tone={organisation.notificationPolicy === "AUTOMATIC" ? "emerald" : "amber"}>
                      {organisation.notificationPolicy === "AUTOMATIC" ? "automatic" : "held for approval"}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
