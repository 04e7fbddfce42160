"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

export function ContactChangeForm({
  action,
  organisationId,
  contacts,
}: {
  action: FormAction;
  organisationId: string;
  contacts: Array<{ id: string; name: string; email: string }>;
}) {
  const [state, run, pending] = useActionState(action, {});
  const [kind, setKind] = useState("ADD_CONTACT");
  const input = "mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm";
  return (
    <form action={run} className="space-y-3" aria-label="Request a contact change">
      <input type="hidden" name="organisationId" value={organisationId} />
      <div>
        <label htmlFor="change-kind" className="block text-sm font-medium">
          Change
        </label>
        <select
          id="change-kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value)}
          className={input}
        >
          <option value="ADD_CONTACT">Add a contact</option>
          <option value="REMOVE_CONTACT">Remove a contact</option>
          <option value="CHANGE_EMAIL">Change a contact's e-mail</option>
        </select>
      </div>
      {kind !== "ADD_CONTACT" ? (
        <div>
          <label htmlFor="change-contact" className="block text-sm font-medium">
            Contact
          </label>
          <select id="change-contact" name="contactId" className={input} required>
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name} ({contact.email})
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          <div>
            <label htmlFor="change-name" className="block text-sm font-medium">
              Name
            </label>
            <input id="change-name" name="name" required className={input} />
          </div>
          <div>
            <label htmlFor="change-role" className="block text-sm font-medium">
              Role
            </label>
            <select id="change-role" name="role" className={input}>
              <option value="SECURITY">Security</option>
              <option value="ABUSE">Abuse</option>
              <option value="TECHNICAL">Technical</option>
              <option value="ESCALATION">Escalation</option>
            </select>
          </div>
        </>
      )}
      {kind !== "REMOVE_CONTACT" ? (
        <div>
          <label htmlFor="change-email" className="block text-sm font-medium">
            {kind === "CHANGE_EMAIL" ? "New e-mail" : "E-mail"}
          </label>
          <input id="change-email" name="email" type="email" required className={input} />
        </div>
      ) : null}
      <div>
        <label htmlFor="change-reason" className="block text-sm font-medium">
          Reason (optional)
        </label>
        <input id="change-reason" name="reason" className={input} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Send request
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.ok ? <Alert tone="success">{state.message}</Alert> : null}
    </form>
  );
}
