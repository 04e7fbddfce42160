"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";

type Formats = { attachXarf: boolean; attachIodef: boolean; requireEncryption: boolean };

const FIELDS: Array<{ name: keyof Formats; label: string; help: string }> = [
  {
    name: "attachXarf",
    label: "X-ARF report (JSON)",
    help: "For ticket systems and abuse desks that read X-ARF v4 (port_scan, login_attack).",
  },
  { name: "attachIodef", label: "IODEF document (XML)", help: "RFC 7970 IODEF v2, for CSIRT tooling." },
  {
    name: "requireEncryption",
    label: "Require encrypted mail",
    help: "A contact without a valid OpenPGP key gets nothing: the notice is held for an analyst with the reason.",
  },
];

/** Which machine-readable reports go with first notices and updates, and whether mail must be encrypted. */
export function NoticeFormatsForm({
  organisationId,
  slug,
  formats,
  action,
}: {
  organisationId: string;
  slug: string;
  formats: Formats;
  action: (state: ActionState<unknown>, form: FormData) => Promise<ActionState<unknown>>;
}) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Notice formats" className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="space-y-2">
        <legend className="sr-only">What notices carry</legend>
        {FIELDS.map((field) => (
          <label key={field.name} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name={field.name}
              defaultChecked={formats[field.name]}
              className="mt-1 accent-sky-700"
            />
            <span>
              <span className="font-medium">{field.label}</span>
              <span className="block text-xs text-slate-600">{field.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save formats"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
