"use client";

import { setTimeZoneAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/** The organisation's time zone, typed or picked from the runtime's IANA names. */
export function TimeZoneForm({
  organisationId,
  slug,
  timeZone,
  zones,
}: {
  organisationId: string;
  slug: string;
  timeZone: string;
  zones: string[];
}) {
  const { state, pending, formProps } = useActionForm(setTimeZoneAction, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Time zone" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <label className="block text-sm">
        <span className="font-medium">Time zone</span>
        <span className="block text-xs text-slate-600">
          Its portal and the readable times in its notices use it; staff pages stay in UTC.
        </span>
        <input
          name="timeZone"
          list="time-zones"
          defaultValue={timeZone}
          autoComplete="off"
          spellCheck={false}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          aria-invalid={Boolean(state.fieldErrors?.timeZone)}
          aria-describedby={state.fieldErrors?.timeZone ? "time-zone-error" : undefined}
        />
      </label>
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {state.fieldErrors?.timeZone ? (
        <p id="time-zone-error" className="text-sm text-red-700">
          {state.fieldErrors.timeZone}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save time zone"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
