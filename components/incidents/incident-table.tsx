import Link from "next/link";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { StatusBadge } from "./status-badge";

export interface IncidentRow {
  id: string;
  reference: number;
  status: IncidentStatus;
  sourceIp: string;
  summary: string;
  lastSeen: Date;
  organisation: { name: string };
}

/** A plain list of incidents; `linkReferences` links each reference to the analyst's incident page. */
export function IncidentTable({
  incidents,
  caption,
  linkReferences = false,
}: {
  incidents: IncidentRow[];
  caption: string;
  linkReferences?: boolean;
}) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Incidents (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              #
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2">
              Organisation
            </th>
            <th scope="col" className="px-4 py-2">
              Source
            </th>
            <th scope="col" className="px-4 py-2">
              Summary
            </th>
            <th scope="col" className="px-4 py-2">
              Last seen (UTC)
            </th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} className="border-t border-slate-100 align-top">
              <td className="px-4 py-2 tabular-nums">
                {linkReferences ? (
                  <Link
                    href={`/incidents/${incident.reference}`}
                    className="text-sky-700 underline-offset-2 hover:underline"
                  >
                    {incident.reference}
                  </Link>
                ) : (
                  incident.reference
                )}
              </td>
              <td className="px-4 py-2">
                <StatusBadge status={incident.status} />
              </td>
              <td className="px-4 py-2">{incident.organisation.name}</td>
              <td className="px-4 py-2 font-mono text-xs">{incident.sourceIp}</td>
              <td className="px-4 py-2">{incident.summary}</td>
              <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                {incident.lastSeen.toISOString().slice(0, 19).replace("T", " ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
