"use client";

import { addContactAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ContactFields } from "./contact-fields";

export function AddContactForm({ organisationId, slug }: { organisationId: string; slug: string }) {
  const { state, pending, formProps } = useActionForm(addContactAction);
  return (
    <form {...formProps} aria-label="Add a contact" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <ContactFields prefix="new-contact" errors={state.fieldErrors} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add contact"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
