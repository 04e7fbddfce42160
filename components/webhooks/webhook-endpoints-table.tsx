import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { WebhookEndpointRow } from "@/lib/webhooks/list-webhooks";
import { WEBHOOK_EVENT_WIRE } from "@/lib/webhooks/webhook-events";

export function WebhookEndpointsTable({ rows }: { rows: WebhookEndpointRow[] }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Webhooks (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Webhook endpoints</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {["URL", "Events", "State", "Deliveries"].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top">
              <td className="min-w-56 px-3 py-2 break-all">
                <Link href={`/settings/webhooks/${row.id}`} className="font-medium text-sky-800 underline">
                  {row.url}
                </Link>
                {row.description ? <p className="text-xs text-slate-600">{row.description}</p> : null}
              </td>
              <td className="px-3 py-2 text-xs">
                {row.events.map((event) => (
                  <code key={event} className="block">
                    {WEBHOOK_EVENT_WIRE[event]}
                  </code>
                ))}
              </td>
              <td className="px-3 py-2">
                <Badge tone={row.enabled ? "emerald" : "slate"}>{row.enabled ? "Enabled" : "Disabled"}</Badge>
              </td>
              <td className="px-3 py-2 text-xs whitespace-nowrap">
                {row.counts.DELIVERED ?? 0} delivered · {row.counts.FAILED ?? 0} failed ·{" "}
                {(row.counts.QUEUED ?? 0) + (row.counts.SENDING ?? 0)} waiting
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
