import Link from "next/link";
import type { TopOrganisation } from "@/lib/dashboard/list-top-organisations";
import { OPEN_STATUSES } from "@/lib/incidents/status-labels";

function queueLink(organisationId: string): string {
  const params = new URLSearchParams({ org: organisationId });
  for (const status of OPEN_STATUSES) params.append("status", status);
  return `/incidents?${params}`;
}

export function TopOrganisationsTable({ organisations }: { organisations: TopOrganisation[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="top-organisations">
      <caption className="sr-only">Top organisations by open incidents</caption>
      <thead className="text-slate-700">
        <tr>
          <th scope="col" className="w-8 py-1 pr-2">
            #
          </th>
          <th scope="col" className="py-1 pr-2">
            Organisation
          </th>
          <th scope="col" className="py-1 text-right">
            Open incidents
          </th>
        </tr>
      </thead>
      <tbody>
        {organisations.map((organisation, index) => (
          <tr key={organisation.id} className="border-t border-slate-100">
            <td className="py-1.5 pr-2 tabular-nums text-slate-500">{index + 1}</td>
            <th scope="row" className="py-1.5 pr-2 font-normal">
              <Link
                href={`/organisations/${organisation.slug}`}
                className="text-sky-800 underline-offset-2 hover:underline"
              >
                {organisation.name}
              </Link>
            </th>
            <td className="py-1.5 text-right font-medium tabular-nums">
              <Link
                href={queueLink(organisation.id)}
                aria-label={`${organisation.openIncidents} open incidents of ${organisation.name}`}
                className="underline-offset-2 hover:underline"
              >
                {organisation.openIncidents}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
