"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { type ActionState, staffAction } from "@/lib/http/action";
import { SETTINGS, type SettingKey } from "@/lib/settings/definitions";
import { parseSettingInput } from "@/lib/settings/setting-input";
import { updateSettings } from "@/lib/settings/update-settings";

/** Every setting field of the form, by key; checked one by one so each field gets its own message. */
export const updateSettingsAction = staffAction(
  z.record(z.string(), z.unknown()),
  async (form, { actor, context }): Promise<ActionState> => {
  const values: Partial<Record<SettingKey, unknown>> = {};
  const fieldErrors: Record<string, string> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const text = form[key];
    if (typeof text !== "string") continue;
    const parsed = parseSettingInput(key, text);
    if (parsed.ok) values[key] = parsed.value;
    else fieldErrors[key] = parsed.error;
  }
  if (Object.keys(fieldErrors).length > 0) return { error: "Some values need correcting; nothing was saved.", fieldErrors };
  try {
    const changes = await updateSettings(db, { values, actor, context });
    revalidatePath("/settings");
    if (changes.length === 0) return { ok: true, message: "Nothing changed." };
    return { ok: true, message: `Saved: ${changes.map((change) => SETTINGS[change.key].label).join("; ")}.` };
  } catch (error) {
    if (isAppError(error, "INVALID_INPUT")) return { error: "Some values need correcting; nothing was saved.", fieldErrors: error.details as Record<string, string> };
    throw error;
  }
  },
  { roles: ["ADMIN"] },
);
