"use client";

import { setLanguageAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { LANGUAGE_CODES, LANGUAGES } from "@/lib/i18n/languages";

/** The language the organisation's notices are written in; a contact can override it. */
export function LanguageForm({
  organisationId,
  slug,
  language,
}: {
  organisationId: string;
  slug: string;
  language: string;
}) {
  const { state, pending, formProps } = useActionForm(setLanguageAction, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Language of notices" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <SelectField
        id="organisation-language"
        label="Language of notices"
        name="language"
        defaultValue={language}
        hint="Notices, their dates and numbers are written in it; a contact can have their own. A notice without a template in it goes out in the default language."
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
