import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { UtcTime } from "@/components/ui/utc-time";
import type { BulkStatusChangeView } from "@/lib/incidents/bulk-status-change";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { countOf } from "@/lib/labels";

/** The bulk status changes of the last day, with their progress (the page refreshes while one runs). */
export function BulkProgress({ changes }: { changes: BulkStatusChangeView[] }) {
  if (changes.length === 0) return null;
  return (
    <section
      aria-labelledby="bulk-progress-heading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="bulk-progress-heading" className="text-sm font-semibold text-slate-900">
        Bulk status changes
      </h2>
      <ul className="space-y-3">
        {changes.map((change) => {
          const settled = change.done + change.skipped + change.failed;
          const label = `Changing ${countOf(change.total, "incident")} to ${STATUS_LABEL[change.toStatus].toLowerCase()}`;
          return (
            <li key={change.id} className="space-y-1 text-sm" data-testid="bulk-change">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                <span className="font-medium">{label}</span>
                <ProgressBar value={change.total ? settled / change.total : 1} label={label} />
                <span className="tabular-nums text-slate-700" data-testid="bulk-change-counts">
                  {change.state === "DONE" ? "Done: " : change.state === "QUEUED" ? "Waiting: " : "Running: "}
                  {change.done.toLocaleString("en-GB")} changed
                  {change.skipped ? `, ${change.skipped.toLocaleString("en-GB")} already there` : ""}
                  {change.failed ? `, ${change.failed.toLocaleString("en-GB")} refused` : ""} of{" "}
                  {change.total.toLocaleString("en-GB")}
                </span>
              </div>
              <p className="text-xs text-slate-600">
                By {change.actorLabel}, <UtcTime value={change.createdAt} />, for{" "}
                <Link href={`/incidents${change.filters}`} className="text-sky-800 underline" prefetch={false}>
                  {change.filters ? "these filters" : "the open incidents"}
                </Link>
              </p>
              {change.refusals.length ? (
                <ul className="list-disc pl-5 text-xs text-red-900">
                  {change.refusals.map((refusal) => (
                    <li key={refusal.reference}>
                      #{refusal.reference}: {refusal.message}
                    </li>
                  ))}
                  {change.failed > change.refusals.length ? (
                    <li>and {countOf(change.failed - change.refusals.length, "more")}</li>
                  ) : null}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
