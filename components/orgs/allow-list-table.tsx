import { approveAllowListAction, removeAllowListAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { Badge } from "@/components/ui/badge";
import { RowActionButton } from "./row-action-button";

export interface AllowListRow {
  id: string;
  network: string;
  reason: string;
  expiresAt: Date;
  approvedAt: Date | null;
  createdAt: Date;
  createdBy: { email: string } | null;
}

/** pending → approved (honoured by the detector) → expired. */
function entryState(entry: AllowListRow, now: Date): "pending" | "active" | "expired" {
  if (entry.expiresAt.getTime() <= now.getTime()) return "expired";
  return entry.approvedAt ? "active" : "pending";
}

const STATE_BADGE = {
  pending: <Badge tone="amber">pending approval</Badge>,
  active: <Badge tone="emerald">active</Badge>,
  expired: <Badge>expired</Badge>,
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
      aria-label="Allow-list (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Allow-list entries</caption>
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
              Added by
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const state = entryState(entry, now);
            return (
              <tr key={entry.id} className="border-t border-slate-100 align-top" data-testid="allow-list-row">
                <th scope="row" className="px-3 py-2 font-mono text-xs font-medium">
                  {entry.network}
                </th>
                <td className="px-3 py-2">{entry.reason}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  <time dateTime={entry.expiresAt.toISOString()}>{entry.expiresAt.toISOString().slice(0, 10)}</time>
                </td>
                <td className="px-3 py-2">{STATE_BADGE[state]}</td>
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
                    accessibleLabel={`Remove ${entry.network} from the allow-list`}
                    confirm={`Remove ${entry.network} from the allow-list?`}
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
