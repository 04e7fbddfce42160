"use client";

import { addMemberAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function AddMemberForm({ organisationId, slug }: { organisationId: string; slug: string }) {
  const { state, pending, formProps } = useActionForm(addMemberAction);
  return (
    <form {...formProps} aria-label="Add a member" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-64 flex-1">
          <Field
            id="member-email"
            name="email"
            type="email"
            label="Institution user's e-mail"
            hint="An existing institution account; contacts get one when they first sign in by e-mail link."
            error={state.fieldErrors?.email}
            required
            autoComplete="off"
          />
        </div>
        <Button type="submit" className="mt-6" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
