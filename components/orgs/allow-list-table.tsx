import { approveAllowListAction, removeAllowListAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { Badge } from "@/components/ui/badge";
import { suppressionState, type SuppressionState } from "@/lib/suppressions/suppression-state";
import { RowActionButton } from "./row-action-button";

export interface AllowListRow {
  id: string;
  network: string;
  reason: string;
  expiresAt: Date;
  approvedAt: Date | null;
  refusedAt: Date | null;
  refusalReason: string | null;
  hitCount: bigint;
  lastHitAt: Date | null;
  createdAt: Date;
  createdBy: { email: string } | null;
}

const STATE_BADGE: Record<SuppressionState, React.ReactNode> = {
  pending: <Badge tone="amber">pending approval</Badge>,
  active: <Badge tone="emerald">active</Badge>,
  expired: <Badge>ended</Badge>,
  refused: <Badge tone="red">refused</Badge>,
};

export function AllowListTable({
  entries,
  organisationId,
  slug,
  now,
}: {
  entries: AllowListRow[];
  organisationId: string;
  slug: string;
  now: Date;
}) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200"
      tabIndex={0}
      role="region"
      aria-label="Suppressions (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Suppressions</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Source
            </th>
            <th scope="col" className="px-3 py-2">
              Reason
            </th>
            <th scope="col" className="px-3 py-2">
              Expires
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
            <th scope="col" className="px-3 py-2">
              Hits
            </th>
            <th scope="col" className="px-3 py-2">
              Added by
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const state = suppressionState(entry, now);
            return (
              <tr key={entry.id} className="border-t border-slate-100 align-top" data-testid="allow-list-row">
                <th scope="row" className="px-3 py-2 font-mono text-xs font-medium">
                  {entry.network}
                </th>
                <td className="px-3 py-2">{entry.reason}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  <time dateTime={entry.expiresAt.toISOString()}>{entry.expiresAt.toISOString().slice(0, 10)}</time>
                </td>
                <td className="px-3 py-2">
                  {STATE_BADGE[state]}
                  {state === "refused" && entry.refusalReason ? (
                    <p className="mt-1 text-xs text-slate-600">{entry.refusalReason}</p>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-xs tabular-nums">
                  {entry.hitCount.toString()}
                  {entry.lastHitAt ? (
                    <>
                      <br />
                      <span className="text-slate-500">
                        last{" "}
                        <time dateTime={entry.lastHitAt.toISOString()}>
                          {entry.lastHitAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                        </time>
                      </span>
                    </>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs">
                  {entry.createdBy?.email ?? "—"}
                  <br />
                  <span className="text-slate-500">{entry.createdAt.toISOString().slice(0, 10)}</span>
                </td>
                <td className="space-x-2 whitespace-nowrap px-3 py-2 text-right">
                  {state === "pending" ? (
                    <RowActionButton
                      action={approveAllowListAction}
                      fields={{ organisationId, slug, entryId: entry.id }}
                      label="Approve"
                      accessibleLabel={`Approve ${entry.network}`}
                      variant="primary"
                    />
                  ) : null}
                  <RowActionButton
                    action={removeAllowListAction}
                    fields={{ organisationId, slug, entryId: entry.id }}
                    label="Remove"
                    accessibleLabel={`Remove the suppression of ${entry.network}`}
                    confirm={`Remove the suppression of ${entry.network}?`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
