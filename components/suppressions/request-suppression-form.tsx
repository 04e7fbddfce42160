"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/http/action";

/** The portal's request: an address or block of the organisation's own space, a reason and an end date. */
export function RequestSuppressionForm({
  action,
  organisationId,
  organisationName,
  minDate,
  maxDate,
  maxDays,
}: {
  action: FormAction<unknown>;
  organisationId: string;
  organisationName: string;
  minDate: string;
  maxDate: string;
  maxDays: number;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const id = (name: string) => `suppress-${name}-${organisationId}`;
  return (
    <form {...formProps} aria-label={`Ask to suppress a source of ${organisationName}`} className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <div className="grid gap-3 md:grid-cols-3">
        <Field
          id={id("network")}
          name="network"
          label="Address or block"
          placeholder="192.0.2.10 or 2001:db8::/64"
          hint="Inside your address space."
          error={state.fieldErrors?.network}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          id={id("reason")}
          name="reason"
          label="Reason"
          placeholder="e.g. our vulnerability scanner"
          error={state.fieldErrors?.reason}
          required
          maxLength={500}
        />
        <Field
          id={id("until")}
          name="expiresOn"
          type="date"
          label="Until"
          min={minDate}
          max={maxDate}
          hint={`At most ${maxDays} days; ends at 00:00 UTC that day.`}
          error={state.fieldErrors?.expiresOn}
          required
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Ask for this suppression"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
