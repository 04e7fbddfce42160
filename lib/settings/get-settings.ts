import type { Db, Tx } from "@/lib/db/client";
import { SETTINGS, type SettingKey } from "./definitions";

export type TSettings = {
  [K in SettingKey]: (typeof SETTINGS)[K]["default"] extends readonly number[]
    ? number[]
    : (typeof SETTINGS)[K]["default"];
};

/** All settings, stored values validated against their schema; a bad stored value falls back to the default. */
export async function getSettings(db: Db | Tx): Promise<TSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.keys(SETTINGS) } } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const entries = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const definition = SETTINGS[key];
    const parsed = definition.schema.safeParse(stored.get(key));
    return [key, parsed.success ? parsed.data : definition.default];
  });
  return Object.fromEntries(entries) as TSettings;
}
