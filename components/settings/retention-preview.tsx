import { EmptyState } from "@/components/ui/empty-state";
import { UtcTime } from "@/components/ui/utc-time";
import { countOf } from "@/lib/labels";
import type { RetentionRunRow } from "@/lib/retention/list-retention-runs";
import type { RetentionPreviewRow } from "@/lib/retention/preview-retention";
import { RETENTION_KIND_LABEL, RETENTION_KINDS, RETENTION_SETTING } from "@/lib/retention/retention-policy";

const RUN_STATUS_LABEL = {
  RUNNING: "Running",
  SUCCEEDED: "Done",
  PARTIAL: "Done, some batches failed",
  FAILED: "Failed",
};

/** Per kind of data: the period, what the next run would remove, and the oldest of it. */
export function RetentionPreviewList({ rows }: { rows: RetentionPreviewRow[] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2" aria-label="What the next run removes">
      {rows.map((row) => (
        <li
          key={row.kind}
          className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm"
          data-testid={`retention-${row.kind}`}
        >
          <p className="font-medium text-slate-900">{RETENTION_KIND_LABEL[row.kind]}</p>
          <p className="text-slate-600">
            Kept {countOf(row.days, "day")} (<code className="text-xs">{RETENTION_SETTING[row.kind]}</code>)
          </p>
          <p>
            Next run:{" "}
            <strong data-testid="retention-count" className="tabular-nums">
              {row.count.toLocaleString("en-GB")}
            </strong>{" "}
            {row.kind === "resolvedIncidents" ? "to anonymise" : "to remove"}
            {row.oldest ? (
              <span className="block text-xs text-slate-600">
                oldest from <UtcTime value={row.oldest} withSeconds={false} />
              </span>
            ) : null}
          </p>
          {row.parts.length > 1 ? (
            <p className="text-xs text-slate-600">
              {row.parts.map((part) => `${part.count.toLocaleString("en-GB")} × ${part.item}`).join(" · ")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function RetentionRunsTable({ runs }: { runs: RetentionRunRow[] }) {
  if (runs.length === 0) {
    return <EmptyState title="No runs yet">The job runs every night at 03:41 UTC.</EmptyState>;
  }
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Retention runs (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Retention runs, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              Started (UTC)
            </th>
            <th scope="col" className="px-4 py-2">
              Outcome
            </th>
            <th scope="col" className="px-4 py-2">
              Removed or anonymised
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-t border-slate-100 align-top" data-testid="retention-run">
              <td className="whitespace-nowrap px-4 py-2">
                <UtcTime value={run.startedAt} />
                <span className="block text-xs text-slate-600">by {run.trigger}</span>
              </td>
              <td className="px-4 py-2">
                {RUN_STATUS_LABEL[run.status]}
                {run.errors.length ? (
                  <span className="block text-xs text-red-800">
                    {run.errors
                      .map(
                        (error) =>
                          `${RETENTION_KIND_LABEL[error.kind as keyof typeof RETENTION_KIND_LABEL] ?? error.kind}: ${error.message}`,
                      )
                      .join(" · ")}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2 text-xs">
                {RETENTION_KINDS.filter((kind) => run.counts[kind]).map((kind) => (
                  <span key={kind} className="block">
                    {RETENTION_KIND_LABEL[kind]}: {run.counts[kind]!.toLocaleString("en-GB")}
                  </span>
                ))}
                {RETENTION_KINDS.some((kind) => run.counts[kind]) ? null : "Nothing was due."}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
