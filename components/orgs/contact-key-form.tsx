"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import type { FormAction } from "@/lib/http/action";

export interface ContactKey {
  pgpFingerprint: string | null;
  pgpKeyExpiresAt: Date | null;
}

/** A short status of a contact's key for the table: none, usable, or expired (a warning). */
export function contactKeyStatus(
  contact: ContactKey,
  now = new Date(),
): { tone: "slate" | "emerald" | "amber"; text: string } {
  if (!contact.pgpFingerprint) return { tone: "slate", text: "no OpenPGP key" };
  const expiresAt = contact.pgpKeyExpiresAt ? new Date(contact.pgpKeyExpiresAt) : null;
  if (expiresAt && expiresAt <= now)
    return {
      tone: "amber",
      text: `OpenPGP key expired ${expiresAt.toISOString().slice(0, 10)}: mail is signed, not encrypted`,
    };
  return { tone: "emerald", text: "encrypted (OpenPGP)" };
}

/** Paste (or remove) the public key mail to one contact is encrypted to. */
export function ContactKeyForm({
  contact,
  organisationId,
  slug,
  action,
}: {
  contact: ContactKey & { id: string; email: string };
  organisationId: string;
  slug: string;
  action: FormAction<unknown>;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const status = contactKeyStatus(contact);
  return (
    <form {...formProps} aria-label={`OpenPGP key of ${contact.email}`} className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="contactId" value={contact.id} />
      {contact.pgpFingerprint ? (
        <p className="break-all text-xs text-slate-700">
          Current key: <span className="font-mono">{contact.pgpFingerprint}</span>
        </p>
      ) : null}
      {status.tone === "amber" ? (
        <Alert tone="error">{`The ${status.text}. Ask the contact for a renewed key.`}</Alert>
      ) : null}
      <TextareaField
        id={`contact-key-${contact.id}`}
        name="armoredKey"
        label="OpenPGP public key"
        rows={4}
        spellCheck={false}
        hint="-----BEGIN PGP PUBLIC KEY BLOCK----- … Checked when saved: mail to this contact is then encrypted to it."
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save key"}
        </Button>
        {contact.pgpFingerprint ? (
          <Button type="submit" name="intent" value="remove" variant="secondary" disabled={pending}>
            Remove key
          </Button>
        ) : null}
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
