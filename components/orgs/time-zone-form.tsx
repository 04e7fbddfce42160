"use client";

import { setTimeZoneAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

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
      <Field
        id="organisation-time-zone"
        label="Time zone"
        name="timeZone"
        list="time-zones"
        defaultValue={timeZone}
        autoComplete="off"
        spellCheck={false}
        hint="Its portal and the readable times in its notices use it; staff pages stay in UTC."
        error={state.fieldErrors?.timeZone}
      />
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save time zone"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
