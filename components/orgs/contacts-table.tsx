"use client";

import { Fragment, useState } from "react";
import {
  setContactActiveAction,
  setContactKeyAction,
  updateContactAction,
} from "@/app/(analyst)/organisations/[slug]/actions";
import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { languageName } from "@/lib/i18n/languages";
import { CONTACT_ROLE_LABEL } from "@/lib/orgs/org-inputs";
import { ContactFields, type ContactValues } from "./contact-fields";
import { type ContactKey, ContactKeyForm, contactKeyStatus } from "./contact-key-form";
import { RowActionButton } from "./row-action-button";

export interface ContactRow extends ContactValues, ContactKey {
  id: string;
  active: boolean;
  /** Delivery record (lib/mail/apply-bounce.ts): hard bounces since the address was set. */
  hardBounces?: number;
  lastBounce?: string | null;
  undeliverableAt?: Date | null;
}

export function ContactsTable({
  contacts,
  organisationId,
  slug,
}: {
  contacts: ContactRow[];
  organisationId: string;
  slug: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  // Closing the editor removes the focused button with it: hand focus back to the row's Edit button.
  function close(contactId: string) {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById(`edit-button-${contactId}`)?.focus());
  }
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200"
      tabIndex={0}
      role="region"
      aria-label="Contacts (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Site contacts</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              E-mail
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Phone
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <Fragment key={contact.id}>
              <tr
                className={`border-t border-slate-100 align-top ${contact.active ? "" : "text-slate-500"}`}
                data-testid="contact-row"
              >
                <th scope="row" className="px-3 py-2 font-medium">
                  {contact.name}
                </th>
                <td className="px-3 py-2">
                  <span className="block font-mono text-xs">{contact.email}</span>
                  <Badge tone={contactKeyStatus(contact).tone}>{contactKeyStatus(contact).text}</Badge>
                </td>
                <td className="px-3 py-2">
                  {CONTACT_ROLE_LABEL[contact.role]}
                  {contact.language ? (
                    <span className="block text-xs text-slate-600" data-testid="contact-language">
                      notices in {languageName(contact.language)}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{contact.phone ?? "—"}</td>
                <td className="px-3 py-2">
                  {contact.active ? <Badge tone="emerald">active</Badge> : <Badge>deactivated</Badge>}
                  {contact.undeliverableAt ? (
                    <Badge tone="red">undeliverable</Badge>
                  ) : contact.hardBounces ? (
                    <Badge tone="amber">bouncing</Badge>
                  ) : null}
                  {contact.lastBounce ? (
                    <span
                      className="mt-1 block max-w-xs break-words text-xs text-slate-700"
                      data-testid="contact-bounce"
                    >
                      {contact.hardBounces} hard bounce{contact.hardBounces === 1 ? "" : "s"}: {contact.lastBounce}
                      {contact.undeliverableAt ? " — notices skip this address until it is corrected." : ""}
                    </span>
                  ) : null}
                </td>
                <td className="space-x-2 whitespace-nowrap px-3 py-2 text-right">
                  <Button
                    id={`edit-button-${contact.id}`}
                    type="button"
                    variant="secondary"
                    className="px-2.5 py-1 text-xs"
                    aria-expanded={editing === contact.id}
                    aria-controls={`edit-${contact.id}`}
                    aria-label={`Edit ${contact.email}`}
                    onClick={() => setEditing(editing === contact.id ? null : contact.id)}
                  >
                    Edit
                  </Button>
                  <RowActionButton
                    action={setContactActiveAction}
                    fields={{ organisationId, slug, contactId: contact.id, active: String(!contact.active) }}
                    label={contact.active ? "Deactivate" : "Reactivate"}
                    accessibleLabel={`${contact.active ? "Deactivate" : "Reactivate"} ${contact.email}`}
                  />
                </td>
              </tr>
              {editing === contact.id ? (
                <tr id={`edit-${contact.id}`} className="bg-slate-50">
                  <td colSpan={6} className="px-3 py-3">
                    <EditContactForm
                      contact={contact}
                      organisationId={organisationId}
                      slug={slug}
                      onDone={() => close(contact.id)}
                    />
                    <div className="mt-4 border-t border-slate-200 pt-4">
                      <ContactKeyForm
                        contact={contact}
                        organisationId={organisationId}
                        slug={slug}
                        action={setContactKeyAction}
                      />
                    </div>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EditContactForm({
  contact,
  organisationId,
  slug,
  onDone,
}: {
  contact: ContactRow;
  organisationId: string;
  slug: string;
  onDone: () => void;
}) {
  const { state, pending, formProps } = useActionForm(updateContactAction, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label={`Edit ${contact.email}`} className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="contactId" value={contact.id} />
      <ContactFields prefix={`contact-${contact.id}`} values={contact} errors={state.fieldErrors} autoFocus />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save contact"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Close
        </Button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
