"use client";

import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: string };

const CANCELLED = "The passkey was not used (cancelled or timed out). Try again, or use another way.";

/** Asks the browser for a passkey (the device's own, a security key, a phone) and sends its answer to the server. */
export function PasskeySignInButton({
  options,
  verify,
  callbackUrl,
}: {
  options: (input: Record<string, never>) => Promise<CallResult<PublicKeyCredentialRequestOptionsJSON>>;
  verify: (input: { response: unknown; callbackUrl?: string }) => Promise<CallResult<{ redirectTo: string }>>;
  callbackUrl?: string;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      const asked = await options({});
      if (!asked.ok) return setError(asked.error);
      const response = await startAuthentication({ optionsJSON: asked.data }).catch(() => null);
      if (!response) return setError(CANCELLED);
      const checked = await verify({ response, callbackUrl });
      if (!checked.ok) return setError(checked.error);
      window.location.assign(checked.data.redirectTo);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-3">
      <Button type="button" onClick={run} disabled={busy}>
        {busy ? "Waiting for your passkey…" : "Use a passkey"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

/** Registers a new passkey under a name the person chooses. */
export function PasskeyRegisterButton<T>({
  options,
  register,
  onRegistered,
}: {
  options: (input: Record<string, never>) => Promise<CallResult<PublicKeyCredentialCreationOptionsJSON>>;
  register: (input: { response: unknown; name: string }) => Promise<CallResult<T>>;
  onRegistered: (result: T) => void;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState("My passkey");
  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      const asked = await options({});
      if (!asked.ok) return setError(asked.error);
      const response = await startRegistration({ optionsJSON: asked.data }).catch(() => null);
      if (!response) return setError(CANCELLED);
      const saved = await register({ response, name });
      if (!saved.ok) return setError(saved.error);
      onRegistered(saved.data);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <label htmlFor="passkey-name" className="block text-sm font-medium text-slate-800">
          Name for this passkey
        </label>
        <input
          id="passkey-name"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-600"
        />
      </div>
      <Button type="button" variant="secondary" onClick={run} disabled={busy}>
        {busy ? "Waiting for your passkey…" : "Set up a passkey"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
