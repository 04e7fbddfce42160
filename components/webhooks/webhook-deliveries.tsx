import Link from "next/link";
import { RowActionButton } from "@/components/orgs/row-action-button";
import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { ActionState } from "@/lib/http/action";
import type { WebhookDeliveryRow } from "@/lib/webhooks/list-webhooks";
import { WEBHOOK_DELIVERY_STATE_LABEL, WEBHOOK_EVENT_WIRE } from "@/lib/webhooks/webhook-events";

const TONE = { QUEUED: "slate", SENDING: "sky", DELIVERED: "emerald", FAILED: "red" } as const;

/** An endpoint's deliveries, each with every attempt (status, time taken, error, the answer's first bytes). */
export function WebhookDeliveries({
  rows,
  replayAction,
}: {
  rows: WebhookDeliveryRow[];
  replayAction: (state: ActionState<unknown>, form: FormData) => Promise<ActionState<unknown>>;
}) {
  return (
    <ol className="space-y-3" aria-label="Deliveries, newest first">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={TONE[row.state]}>{WEBHOOK_DELIVERY_STATE_LABEL[row.state]}</Badge>
              <code className="font-medium">{WEBHOOK_EVENT_WIRE[row.eventType]}</code>
              {row.incidentReference !== null ? (
                <Link href={`/incidents/${row.incidentReference}`} className="text-sky-800 underline">
                  #{row.incidentReference}
                </Link>
              ) : null}
              <span className="text-slate-600">
                <UtcTime value={row.createdAt} />
              </span>
            </div>
            {row.state === "DELIVERED" || row.state === "FAILED" ? (
              <RowActionButton
                action={replayAction}
                fields={{ deliveryId: row.id }}
                label="Replay"
                accessibleLabel={`Replay ${WEBHOOK_EVENT_WIRE[row.eventType]} of ${row.createdAt.toISOString()}`}
              />
            ) : null}
          </div>
          <p className="mt-1 text-xs break-all text-slate-600">
            webhook-id <code>{row.id}</code>
            {row.state === "QUEUED" && row.attempts > 0 ? (
              <>
                {" "}
                · next attempt <UtcTime value={row.nextAttemptAt} />
              </>
            ) : null}
            {row.replays > 0 ? ` · replayed ${row.replays}×` : null}
          </p>
          {row.log.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Not tried yet.</p>
          ) : (
            <div className="mt-2 overflow-x-auto" role="region" aria-label="Attempts (scrolls sideways)" tabIndex={0}>
              <table className="w-full text-left text-xs">
                <caption className="sr-only">Attempts, newest first</caption>
                <thead className="text-slate-600">
                  <tr>
                    {["When", "Answer", "Took", "Error / response"].map((heading) => (
                      <th key={heading} scope="col" className="py-1 pr-3 font-medium">
                        {heading}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {row.log.map((attempt) => (
                    <tr key={attempt.id} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3 whitespace-nowrap">
                        <UtcTime value={attempt.startedAt} />
                        {attempt.replay ? " (replay)" : null}
                      </td>
                      <td className="py-1 pr-3">{attempt.statusCode ?? "—"}</td>
                      <td className="py-1 pr-3 whitespace-nowrap">{attempt.durationMs} ms</td>
                      <td className="py-1 pr-3 break-all">
                        {attempt.error ? <span className="text-red-800">{attempt.error}</span> : null}
                        {attempt.responseSnippet ? (
                          <code className="block max-w-prose truncate text-slate-600">{attempt.responseSnippet}</code>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
