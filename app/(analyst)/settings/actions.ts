"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { type ActionState, staffAction } from "@/lib/http/action";
import { generateCsirtKey } from "@/lib/notify/openpgp/generate-csirt-key";
import { importCsirtKey } from "@/lib/notify/openpgp/import-csirt-key";
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
    if (Object.keys(fieldErrors).length > 0)
      return { error: "Some values need correcting; nothing was saved.", fieldErrors };
    try {
      const changes = await updateSettings(db, { values, actor, context });
      revalidatePath("/settings");
      if (changes.length === 0) return { ok: true, message: "Nothing changed." };
      return { ok: true, message: `Saved: ${changes.map((change) => SETTINGS[change.key].label).join("; ")}.` };
    } catch (error) {
      if (isAppError(error, "INVALID_INPUT"))
        return {
          error: "Some values need correcting; nothing was saved.",
          fieldErrors: error.details as Record<string, string>,
        };
      throw error;
    }
  },
  { roles: ["ADMIN"] },
);

const ZGenerateKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name (the CSIRT's).").max(200),
  email: z.email("Give the address the CSIRT sends from.").max(320),
});

/** A new signing key for the CSIRT (admins only); the old one stops signing at once. */
export const generateCsirtKeyAction = staffAction(
  ZGenerateKeySchema,
  async ({ name, email }, { actor, context }): Promise<ActionState> => {
    const key = await generateCsirtKey(db, { name, email, actor, context });
    revalidatePath("/settings");
    return {
      ok: true,
      message: `New signing key ${key.fingerprint}. Publish its public key so institutions can check notices.`,
    };
  },
  { roles: ["ADMIN"] },
);

const ZImportKeySchema = z.object({
  armoredPrivateKey: z
    .string()
    .min(1, "Paste the private key.")
    .max(64 * 1024, "That is too long for an OpenPGP key."),
  passphrase: z.string().max(1024).optional(),
});

/** The CSIRT's existing key (admins only), opened with its passphrase and stored sealed. */
export const importCsirtKeyAction = staffAction(
  ZImportKeySchema,
  async ({ armoredPrivateKey, passphrase }, { actor, context }): Promise<ActionState> => {
    const key = await importCsirtKey(db, { armoredPrivateKey, passphrase: passphrase || undefined, actor, context });
    revalidatePath("/settings");
    return { ok: true, message: `Notices are now signed with ${key.fingerprint}.` };
  },
  { roles: ["ADMIN"] },
);
