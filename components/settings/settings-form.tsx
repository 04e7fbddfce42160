"use client";

import { updateSettingsAction } from "@/app/(analyst)/settings/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { groupSettings, type SettingView } from "./setting-groups";

/** All settings in one form (admins only); the fields remount with the stored values after each save. */
export function SettingsForm({ settings }: { settings: SettingView[] }) {
  const { state, pending, formProps } = useActionForm(updateSettingsAction, { resetOnSuccess: false });
  const version = settings.map((setting) => setting.value).join("|");
  return (
    <form {...formProps} aria-label="Settings" className="space-y-6">
      <div key={version} className="space-y-6">
        {groupSettings(settings).map((group) => (
          <fieldset key={group.id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">{group.title}</legend>
            <div className="grid gap-4 md:grid-cols-2">
              {group.settings.map((setting) => (
                <Field
                  key={setting.key}
                  id={`setting-${setting.key.replace(/\./g, "-")}`}
                  name={setting.key}
                  label={setting.label}
                  defaultValue={setting.value}
                  inputMode={setting.list || !/^-?\d+$/.test(setting.defaultValue) ? "text" : "numeric"}
                  hint={`${setting.list ? "Comma-separated. " : ""}Default: ${setting.defaultValue}`}
                  error={state.fieldErrors?.[setting.key]}
                  required={!setting.emptyAllowed}
                  autoComplete="off"
                  spellCheck={false}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        <p className="text-xs text-slate-600">Each change is recorded in the audit log with its old and new value.</p>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
