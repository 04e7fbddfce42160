import { EmptyState } from "@/components/ui/empty-state";
import type { SettingChangeEntry } from "@/lib/settings/list-setting-changes";
import { formatSettingValue } from "@/lib/settings/setting-input";
import { settingLabel } from "./setting-groups";

export function SettingChangesTable({ changes }: { changes: SettingChangeEntry[] }) {
  if (changes.length === 0)
    return <EmptyState title="No changes yet">Settings still have the values they were installed with.</EmptyState>;
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Setting changes (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Recent setting changes, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">
              When (UTC)
            </th>
            <th scope="col" className="px-4 py-2">
              Who
            </th>
            <th scope="col" className="px-4 py-2">
              Setting
            </th>
            <th scope="col" className="px-4 py-2">
              Old value
            </th>
            <th scope="col" className="px-4 py-2">
              New value
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.id} className="border-t border-slate-100" data-testid="setting-change">
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                <time dateTime={change.at.toISOString()}>{change.at.toISOString().slice(0, 19).replace("T", " ")}</time>
              </td>
              <td className="px-4 py-2">{change.actorLabel}</td>
              <th scope="row" className="px-4 py-2 font-normal">
                {settingLabel(change.key)}
              </th>
              <td className="px-4 py-2 tabular-nums text-slate-600">{formatSettingValue(change.from)}</td>
              <td className="px-4 py-2 font-medium tabular-nums">{formatSettingValue(change.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
