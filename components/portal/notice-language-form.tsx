"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { ActionState } from "@/lib/http/action";
import { LANGUAGE_CODES, LANGUAGES } from "@/lib/i18n/languages";

/** The institution chooses the language of the notices it gets (the CSIRT's analysts can change it too). */
export function NoticeLanguageForm({
  action,
  organisationId,
  language,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  organisationId: string;
  language: string;
}) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Language of our notices" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <SelectField
        id={`notice-language-${organisationId}`}
        label="Language of our notices"
        name="language"
        defaultValue={language}
        hint="The e-mails we send you about incidents, with their dates and figures."
        error={state.fieldErrors?.language}
      >
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGES[code].name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save language"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
