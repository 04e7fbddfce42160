import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { LANGUAGE_CODES, LANGUAGES } from "@/lib/i18n/languages";
import { CONTACT_ROLE_LABEL, CONTACT_ROLE_VALUES } from "@/lib/orgs/org-inputs";

export interface ContactValues {
  name: string;
  email: string;
  role: (typeof CONTACT_ROLE_VALUES)[number];
  phone: string | null;
  /** Language of this contact's notices; null = the organisation's. */
  language?: string | null;
}

/** The inputs of a contact, shared by the add and edit forms; `prefix` keeps ids unique. */
export function ContactFields({
  prefix,
  values,
  errors,
  autoFocus,
}: {
  prefix: string;
  values?: ContactValues;
  errors?: Record<string, string>;
  autoFocus?: boolean;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <Field
        id={`${prefix}-name`}
        name="name"
        label="Name"
        defaultValue={values?.name}
        error={errors?.name}
        required
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <Field
        id={`${prefix}-email`}
        name="email"
        type="email"
        label="E-mail"
        defaultValue={values?.email}
        error={errors?.email}
        required
        autoComplete="off"
        spellCheck={false}
      />
      <SelectField
        id={`${prefix}-role`}
        name="role"
        label="Role"
        defaultValue={values?.role ?? "SECURITY"}
        error={errors?.role}
      >
        {CONTACT_ROLE_VALUES.map((role) => (
          <option key={role} value={role}>
            {CONTACT_ROLE_LABEL[role]}
          </option>
        ))}
      </SelectField>
      <Field
        id={`${prefix}-phone`}
        name="phone"
        type="tel"
        label="Phone (optional)"
        defaultValue={values?.phone ?? ""}
        error={errors?.phone}
        autoComplete="off"
      />
      <SelectField
        id={`${prefix}-language`}
        name="language"
        label="Language of notices"
        defaultValue={values?.language ?? ""}
        error={errors?.language}
      >
        <option value="">The organisation&apos;s</option>
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGES[code].name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
