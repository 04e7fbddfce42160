import { Badge } from "@/components/ui/badge";
import type { SuppressionRow } from "@/lib/suppressions/list-suppressions";
import { SUPPRESSION_STATE_LABEL, type SuppressionState } from "@/lib/suppressions/suppression-state";
import { readableDay, readableTime } from "@/lib/time/readable-time";

const TONE: Record<SuppressionState, "amber" | "emerald" | "slate" | "red"> = {
  pending: "amber",
  active: "emerald",
  expired: "slate",
  refused: "red",
};

/** A single address reads as itself, not as a /32 or /128 block. */
export function shownNetwork(network: string): string {
  return network.replace(/\/(32|128)$/, "");
}

/** An organisation's suppressions as the portal shows them: state, what, why, until, hits and the last one. */
export function SuppressionList({ rows, timeZone }: { rows: SuppressionRow[]; timeZone: string }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {rows.map((row) => (
        <li key={row.id} className="space-y-1 px-4 py-3 text-sm" data-testid="suppression">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono font-medium break-all">{shownNetwork(row.network)}</span>
            <Badge tone={TONE[row.state]}>{SUPPRESSION_STATE_LABEL[row.state]}</Badge>
            <span className="text-slate-600">
              {row.state === "expired" ? "ended" : row.state === "refused" ? "asked until" : "until"}{" "}
              <time dateTime={row.expiresAt.toISOString()}>{readableDay(row.expiresAt, timeZone)}</time>
            </span>
          </div>
          <p className="break-words">{row.reason}</p>
          <p className="text-xs text-slate-600">
            {row.hits === 0
              ? "No connections held back yet"
              : `${row.hits.toLocaleString("en-GB")} connections held back`}
            {row.lastHitAt ? (
              <>
                {" "}
                · last <time dateTime={row.lastHitAt.toISOString()}>{readableTime(row.lastHitAt, timeZone)}</time>
              </>
            ) : null}
            {" · asked "}
            {readableDay(row.createdAt, timeZone)}
            {row.requestedBy ? ` by ${row.requestedBy}` : ""}
          </p>
          {row.state === "refused" && row.refusalReason ? (
            <p className="text-xs text-red-800">Refused: {row.refusalReason}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
