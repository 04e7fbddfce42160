import Link from "next/link";
import { StatusBadge } from "@/components/incidents/status-badge";
import type { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";

export interface HistoryRow {
  id: string;
  reference: number;
  type: IncidentType;
  status: IncidentStatus;
  sourceIp: string;
  createdAt: Date;
  lastSeen: Date;
}

export function IncidentHistory({ incidents, caption }: { incidents: HistoryRow[]; caption: string }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200"
      tabIndex={0}
      role="region"
      aria-label="Incident history (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Incident
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Source
            </th>
            <th scope="col" className="px-3 py-2">
              Raised (UTC)
            </th>
            <th scope="col" className="px-3 py-2">
              Last seen (UTC)
            </th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-2 font-medium tabular-nums">
                <Link
                  href={`/incidents/${incident.reference}`}
                  className="text-sky-800 underline-offset-2 hover:underline"
                >
                  #{incident.reference}
                </Link>
              </th>
              <td className="px-3 py-2">
                <StatusBadge status={incident.status} />
              </td>
              <td className="px-3 py-2">{TYPE_LABEL[incident.type]}</td>
              <td className="px-3 py-2 font-mono text-xs">{incident.sourceIp}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {incident.createdAt.toISOString().slice(0, 16).replace("T", " ")}
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {incident.lastSeen.toISOString().slice(0, 16).replace("T", " ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
