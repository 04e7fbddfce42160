"use client";

import { addTemplateLanguageAction } from "@/app/(analyst)/templates/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/** "Write the German version": creates the missing language version of a notice and opens it in the editor. */
export function AddTemplateLanguageForm({
  incidentType,
  purpose,
  language,
  languageName,
}: {
  incidentType: string;
  purpose: string;
  language: string;
  languageName: string;
}) {
  const { state, pending, formProps } = useActionForm(addTemplateLanguageAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="inline-flex flex-col gap-1">
      <input type="hidden" name="incidentType" value={incidentType} />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="language" value={language} />
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending}>
        {pending ? "Creating…" : `Write the ${languageName} version`}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
