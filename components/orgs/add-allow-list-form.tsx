"use client";

import { addAllowListAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function AddAllowListForm({
  organisationId,
  slug,
  minDate,
}: {
  organisationId: string;
  slug: string;
  minDate: string;
}) {
  const { state, pending, formProps } = useActionForm(addAllowListAction);
  return (
    <form {...formProps} aria-label="Add a suppression" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id="allow-network"
          name="network"
          label="Address or block"
          placeholder="192.0.2.10 or 192.0.2.0/28"
          error={state.fieldErrors?.network}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          id="allow-reason"
          name="reason"
          label="Reason"
          placeholder="e.g. the site's vulnerability scanner"
          error={state.fieldErrors?.reason}
          required
        />
        <Field
          id="allow-expires"
          name="expiresOn"
          type="date"
          label="Until"
          min={minDate}
          hint="Stops applying at 00:00 UTC that day."
          error={state.fieldErrors?.expiresOn}
          required
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add suppression"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
