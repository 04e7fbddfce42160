import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { OrganisationListItem } from "@/lib/orgs/search-organisations";

export function OrganisationsTable({ organisations }: { organisations: OrganisationListItem[] }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Organisations (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Member organisations with their address blocks</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              Organisation
            </th>
            <th scope="col" className="px-4 py-2">
              Address blocks
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Active contacts
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Open incidents
            </th>
            <th scope="col" className="px-4 py-2">
              Notifications
            </th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-medium">
                <Link
                  href={`/organisations/${organisation.slug}`}
                  className="text-sky-800 underline-offset-2 hover:underline"
                >
                  {organisation.name}
                </Link>
                {organisation.active ? null : (
                  <>
                    {" "}
                    <Badge>inactive</Badge>
                  </>
                )}
              </th>
              <td className="px-4 py-2 font-mono text-xs">
                {organisation.blocks.length === 0 ? <span className="font-sans text-slate-500">none</span> : null}
                {organisation.blocks.map((block, index) => (
                  <span key={block}>
                    {index > 0 ? ", " : null}
                    {organisation.matchedBlocks.includes(block) ? (
                      <mark className="rounded bg-sky-100 px-0.5 text-sky-900">{block}</mark>
                    ) : (
                      block
                    )}
                  </span>
                ))}
              </td>
              <td
                className={`px-4 py-2 text-right tabular-nums ${organisation.activeContacts === 0 ? "text-red-700" : ""}`}
              >
                {organisation.activeContacts}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{organisation.openIncidents}</td>
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
  );
}
