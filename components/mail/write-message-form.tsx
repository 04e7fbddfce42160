"use client";

import { useRef } from "react";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionState } from "@/lib/http/action";
import type { RenderedMessageTemplate } from "@/lib/mail/message-templates";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export interface MessageRecipient {
  id: string;
  email: string;
  label: string;
  undeliverable: boolean;
  /** A site contact (security, abuse, technical): "all" means these; the escalation contact only by name. */
  site: boolean;
}

/** An analyst writes to the organisation's site contacts, or one contact, threaded with the incident's mail. */
export function WriteMessageForm({
  incidentId,
  reference,
  recipients,
  templates,
  action,
}: {
  incidentId: string;
  reference: number;
  recipients: MessageRecipient[];
  /** Starting points, already filled in with this incident's values. */
  templates: RenderedMessageTemplate[];
  action: Action;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const body = useRef<HTMLTextAreaElement>(null);
  const everyone = recipients
    .filter((recipient) => recipient.site && !recipient.undeliverable)
    .map((recipient) => recipient.email);
  return (
    <form {...formProps} className="space-y-3" aria-label="Write to the contacts">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="reference" value={reference} />
      <SelectField id="message-to" name="contactId" label="To" defaultValue="">
        <option value="">All site contacts ({everyone.join(", ") || "none deliverable"})</option>
        {recipients.map((recipient) => (
          <option key={recipient.id} value={recipient.id}>
            {recipient.label}
            {recipient.undeliverable ? " — undeliverable" : ""}
          </option>
        ))}
      </SelectField>
      <div className="space-y-1">
        <label htmlFor="message-subject" className="block text-sm font-medium text-slate-800">
          Subject
        </label>
        <input
          id="message-subject"
          name="subject"
          maxLength={200}
          placeholder={`Re: [CSIRT #${reference}] …`}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
      </div>
      <SelectField
        id="message-template"
        label="Start from"
        defaultValue=""
        onChange={(event) => {
          const chosen = templates.find((template) => template.key === event.target.value);
          if (chosen && body.current) body.current.value = chosen.body;
        }}
      >
        <option value="">Free text</option>
        {templates.map((template) => (
          <option key={template.key} value={template.key}>
            {template.name}
          </option>
        ))}
      </SelectField>
      <TextareaField
        ref={body}
        id="message-body"
        name="body"
        label="Message"
        rows={5}
        required
        maxLength={10_000}
        hint="Sent by e-mail in the incident's thread through the outbox, and shown on the institution's portal once sent."
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Queueing…" : "Send message"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
