import { SETTINGS, type SettingKey } from "@/lib/settings/definitions";

export interface SettingView {
  key: SettingKey;
  label: string;
  /** Current value as typed in the form ("22, 2222"). */
  value: string;
  defaultValue: string;
  list: boolean;
  /** May be left empty (a list of names where empty means none); the others are required. */
  emptyAllowed: boolean;
}

export const GROUP_TITLES: Record<string, string> = {
  api: "REST API",
  auth: "Sign-in",
  detection: "Detection",
  ingest: "Ingest and stored files",
  incident: "Incidents and evidence",
  mail: "Incoming mail",
  notify: "Notifications",
  retention: "Retention (what is deleted or anonymised, and when)",
  suppression: "Suppressions",
  tlp: "Traffic Light Protocol (TLP 2.0)",
  upload: "Uploads",
  webhooks: "Webhooks",
};

/** Settings grouped by the first part of their key, in definition order. */
export function groupSettings(settings: SettingView[]): Array<{ id: string; title: string; settings: SettingView[] }> {
  const groups = new Map<string, SettingView[]>();
  for (const setting of settings) {
    const prefix = setting.key.split(".")[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), setting]);
  }
  return [...groups].map(([id, items]) => ({ id, title: GROUP_TITLES[id] ?? id, settings: items }));
}

export function settingLabel(key: string): string {
  return key in SETTINGS ? SETTINGS[key as SettingKey].label : key;
}
