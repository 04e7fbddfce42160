"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionState } from "@/lib/http/action";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Answer a message as its recipient would from their mail program (embedded setup only). */
export function DevMailboxReplyForm({
  devMailId,
  recipient,
  action,
}: {
  devMailId: string;
  recipient: string;
  action: Action;
}) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-sky-700">Reply as {recipient}</summary>
      <form {...formProps} className="mt-2 space-y-2" aria-label={`Reply as ${recipient}`}>
        <input type="hidden" name="devMailId" value={devMailId} />
        <TextareaField
          id={`reply-${devMailId}`}
          name="text"
          label="Reply"
          rows={4}
          required
          maxLength={10_000}
          hint="Sent to the CSIRT's mailbox with the original quoted below, as a mail program would."
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send reply"}
        </Button>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}
