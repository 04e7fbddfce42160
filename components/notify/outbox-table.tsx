"use client";

import Link from "next/link";
import { useActionState } from "react";
import { changeNotificationAction } from "@/app/(analyst)/outbox/actions";
import { Badge } from "@/components/ui/badge";
import type { ActionState } from "@/lib/http/action";
import { NOTIFICATION_PURPOSE_LABEL, NOTIFICATION_STATE_LABEL } from "@/lib/labels";
import type { OutboxRow } from "@/lib/notify/list-outbox";

const TONE = {
  HELD: "amber",
  QUEUED: "slate",
  SENDING: "sky",
  SENT: "emerald",
  FAILED: "red",
  CANCELLED: "slate",
  BOUNCED: "red",
  DIGEST: "sky",
} as const;

function RowAction({ id, action, label }: { id: string; action: "retry" | "cancel" | "approve"; label: string }) {
  const [state, run, pending] = useActionState<ActionState, FormData>(changeNotificationAction, {});
  return (
    <form action={run} className="inline">
      <input type="hidden" name="notificationId" value={id} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" disabled={pending} className="mr-2 text-xs text-sky-800 underline disabled:text-slate-400">
        {label}
      </button>
      {state.error ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

export function OutboxTable({ rows, caption }: { rows: OutboxRow[]; caption: string }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Outbox (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {["Incident", "To", "Purpose", "State", "Attempts", "Detail", ""].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="outbox-row">
              <td className="px-3 py-2">
                <Link href={`/incidents/${row.reference}`} className="text-sky-800 underline">
                  #{row.reference}
                </Link>{" "}
                <span className="text-xs text-slate-600">{row.organisation}</span>
              </td>
              <td className="px-3 py-2">{row.toAddress}</td>
              <td className="px-3 py-2 text-xs">{NOTIFICATION_PURPOSE_LABEL[row.purpose]}</td>
              <td className="px-3 py-2">
                <Badge tone={TONE[row.state]}>{NOTIFICATION_STATE_LABEL[row.state]}</Badge>
              </td>
              <td className="px-3 py-2 tabular-nums">{row.attempts}</td>
              <td className="max-w-md px-3 py-2 text-xs">
                {row.subject ? (
                  <p className="truncate" title={row.subject}>
                    {row.subject}
                  </p>
                ) : null}
                {row.state === "SENT" ? (
                  <p className="text-slate-600">
                    {row.sentAt?.replace("T", " ").slice(0, 19)} UTC · {row.smtpResponse}
                  </p>
                ) : null}
                {row.state === "QUEUED" && row.attempts > 0 ? (
                  <p className="text-slate-600">next try {row.nextAttemptAt.replace("T", " ").slice(0, 19)} UTC</p>
                ) : null}
                {row.lastError ? <p className="text-red-800">{row.lastError}</p> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {row.state === "HELD" ? <RowAction id={row.id} action="approve" label="Approve and send" /> : null}
                {row.state === "FAILED" || row.state === "CANCELLED" ? (
                  <RowAction id={row.id} action="retry" label="Retry" />
                ) : null}
                {row.state === "QUEUED" || row.state === "HELD" || row.state === "FAILED" ? (
                  <RowAction id={row.id} action="cancel" label="Cancel" />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
