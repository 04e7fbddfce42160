import { Card } from "@/components/ui/card";
import { groupSettings, type SettingView } from "./setting-groups";

export function SettingsReadOnly({ settings }: { settings: SettingView[] }) {
  return (
    <div className="space-y-6">
      {groupSettings(settings).map((group) => (
        <Card key={group.id} title={group.title}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{group.title} settings</caption>
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-4">
                  Setting
                </th>
                <th scope="col" className="py-1 pr-4">
                  Value
                </th>
                <th scope="col" className="py-1">
                  Default
                </th>
              </tr>
            </thead>
            <tbody>
              {group.settings.map((setting) => (
                <tr key={setting.key} className="border-t border-slate-100">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {setting.label}
                  </th>
                  <td className="py-2 pr-4 font-medium tabular-nums" data-testid={`setting-${setting.key}`}>
                    {setting.value}
                  </td>
                  <td className="py-2 tabular-nums text-slate-600">{setting.defaultValue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}
    </div>
  );
}
