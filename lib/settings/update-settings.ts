import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SETTINGS, type SettingKey } from "./definitions";
import { getSettings } from "./get-settings";
import { validateSetting } from "./setting-input";

export interface SettingChange {
  key: SettingKey;
  from: unknown;
  to: unknown;
}

export const SETTING_CHANGE_ACTION = "settings.update";

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates every given value against its schema (all or nothing: INVALID_INPUT with the
 * messages per key in `details`), stores those that differ from the current value, and writes
 * one audit entry per change with the value before and after.
 */
export async function updateSettings(
  db: Db,
  {
    values,
    actor,
    context,
  }: { values: Partial<Record<SettingKey, unknown>>; actor: AuditActor; context?: AuditContext },
): Promise<SettingChange[]> {
  const problems: Partial<Record<string, string>> = {};
  const valid: Array<[SettingKey, unknown]> = [];
  for (const [key, value] of Object.entries(values)) {
    if (!(key in SETTINGS)) {
      problems[key] = "There is no such setting.";
      continue;
    }
    const checked = validateSetting(key as SettingKey, value);
    if (checked.ok) valid.push([key as SettingKey, checked.value]);
    else problems[key] = checked.error;
  }
  if (Object.keys(problems).length > 0) throw new AppError("INVALID_INPUT", "Some values need correcting.", problems);

  return db.$transaction(async (tx) => {
    const current = await getSettings(tx);
    const changes: SettingChange[] = [];
    for (const [key, to] of valid) {
      const from = current[key];
      if (sameValue(from, to)) continue;
      const json = to as Prisma.InputJsonValue;
      await tx.setting.upsert({
        where: { key },
        create: { key, value: json, updatedById: actor.id ?? null },
        update: { value: json, updatedById: actor.id ?? null },
      });
      await recordAudit(tx, {
        actor,
        action: SETTING_CHANGE_ACTION,
        target: { type: "Setting", id: key },
        context,
        data: { key, from: from as Prisma.InputJsonValue, to: json },
      });
      changes.push({ key, from, to });
    }
    return changes;
  });
}
