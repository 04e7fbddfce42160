"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Attach an unmatched message to an incident (optionally shown to the institution), or discard it. */
export function UnmatchedMailForms({
  mailId,
  subject,
  attach,
  discard,
}: {
  mailId: string;
  subject: string;
  attach: Action;
  discard: Action;
}) {
  const attaching = useActionForm(attach);
  const discarding = useActionForm(discard);
  return (
    <div className="mt-3 flex flex-wrap items-end gap-4">
      <form {...attaching.formProps} className="flex flex-wrap items-end gap-2" aria-label={`Attach ${subject}`}>
        <input type="hidden" name="mailId" value={mailId} />
        <div className="space-y-1">
          <label htmlFor={`attach-${mailId}`} className="block text-sm font-medium text-slate-800">
            Incident
          </label>
          <input
            id={`attach-${mailId}`}
            name="reference"
            required
            placeholder="#1234"
            className="w-28 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="share" className="size-4 accent-sky-700" />
          Show on the institution&apos;s portal
        </label>
        <Button type="submit" disabled={attaching.pending}>
          Attach
        </Button>
      </form>
      <form {...discarding.formProps} aria-label={`Discard ${subject}`}>
        <input type="hidden" name="mailId" value={mailId} />
        <Button type="submit" variant="secondary" disabled={discarding.pending}>
          Discard
        </Button>
      </form>
      <div className="w-full">
        <ActionMessage state={attaching.state} />
        <ActionMessage state={discarding.state} />
      </div>
    </div>
  );
}
