"use client";

import { ActionMessage, useActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { FormAction } from "@/lib/http/action";

interface Signing {
  key: {
    fingerprint: string;
    userIds: string;
    publicKeyArmored: string;
    expiresAt: Date | null;
    updatedAt: Date;
  } | null;
  canStore: boolean;
}

function GenerateForm({
  action,
  defaults,
}: {
  action: FormAction<unknown>;
  defaults: { name: string; email: string };
}) {
  const { state, pending, formProps } = useActionForm(action, { resetOnSuccess: false });
  return (
    <form {...formProps} aria-label="Generate a signing key" className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">Generate a new key</h3>
      <div className="grid gap-3 md:grid-cols-2">
        <Field
          id="pgp-name"
          name="name"
          label="Name on the key"
          defaultValue={defaults.name}
          required
          maxLength={200}
        />
        <Field
          id="pgp-email"
          name="email"
          type="email"
          label="Address on the key"
          defaultValue={defaults.email}
          required
          maxLength={320}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Generating…" : "Generate key (Curve25519, 2 years)"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

function ImportForm({ action }: { action: FormAction<unknown> }) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <form {...formProps} aria-label="Import a signing key" className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">Or import the CSIRT&apos;s existing key</h3>
      <TextareaField
        id="pgp-private-key"
        name="armoredPrivateKey"
        label="Private key (armored)"
        rows={5}
        required
        spellCheck={false}
        hint="-----BEGIN PGP PRIVATE KEY BLOCK----- … It is stored encrypted with PGP_KEY_ENCRYPTION_KEY."
      />
      <Field
        id="pgp-passphrase"
        name="passphrase"
        type="password"
        label="Passphrase (if the key has one)"
        autoComplete="off"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Importing…" : "Import key"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

/** The OpenPGP key that signs notices: what it is, and (admins) how to replace it. */
export function CsirtKeyCard({
  signing,
  canEdit,
  defaults,
  generateAction,
  importAction,
}: {
  signing: Signing;
  canEdit: boolean;
  defaults: { name: string; email: string };
  generateAction: FormAction<unknown>;
  importAction: FormAction<unknown>;
}) {
  const { key } = signing;
  const expired = key?.expiresAt ? new Date(key.expiresAt) <= new Date() : false;
  return (
    <Card title="Signing key (OpenPGP)">
      <div className="space-y-4">
        {key ? (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">Fingerprint</dt>
            <dd className="font-mono break-all">{key.fingerprint}</dd>
            <dt className="font-medium text-slate-700">User id</dt>
            <dd className="break-all">{key.userIds}</dd>
            <dt className="font-medium text-slate-700">Expires</dt>
            <dd>{key.expiresAt ? new Date(key.expiresAt).toISOString().slice(0, 10) : "never"}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">
            No signing key: notices go out unsigned (and are not encrypted unless a contact has a key).
          </p>
        )}
        {expired ? (
          <Alert tone="error">
            This key has expired: notices cannot be signed with it. Generate or import a new one.
          </Alert>
        ) : null}
        {key ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-sky-800">Public key, to publish for institutions</summary>
            <pre
              className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-3 text-xs"
              role="region"
              aria-label="CSIRT public key"
              tabIndex={0}
            >
              {key.publicKeyArmored}
            </pre>
          </details>
        ) : null}
        {!canEdit ? null : signing.canStore ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <GenerateForm action={generateAction} defaults={defaults} />
            <ImportForm action={importAction} />
          </div>
        ) : (
          <Alert tone="info">
            To store a signing key, set PGP_KEY_ENCRYPTION_KEY in the environment (openssl rand -base64 32) and restart:
            the private key is kept encrypted with it.
          </Alert>
        )}
      </div>
    </Card>
  );
}
