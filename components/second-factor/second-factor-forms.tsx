"use client";

import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import { type CallResult, PasskeyRegisterButton, PasskeySignInButton } from "./passkey-button";
import { RecoveryCodesList } from "./recovery-codes-list";

type FormAction<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export interface PasskeyCalls {
  authenticationOptions: (input: Record<string, never>) => Promise<CallResult<PublicKeyCredentialRequestOptionsJSON>>;
  verify: (input: { response: unknown; callbackUrl?: string }) => Promise<CallResult<{ redirectTo: string }>>;
  registrationOptions: (input: Record<string, never>) => Promise<CallResult<PublicKeyCredentialCreationOptionsJSON>>;
  register: (input: { response: unknown; name: string }) => Promise<CallResult<Enrolled>>;
}

/** What setting up a factor answers: the recovery codes to show, and (on the pending session) the proof that finishes signing in. */
export interface Enrolled {
  recoveryCodes: string[];
  proof?: string;
}

function CodeForm({
  kind,
  action,
  callbackUrl,
}: {
  kind: "totp" | "recovery";
  action: FormAction;
  callbackUrl: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="space-y-4"
      aria-label={kind === "totp" ? "Confirm with your authenticator app" : "Confirm with a recovery code"}
    >
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {kind === "totp" ? (
        <Field
          id="totp-code"
          name="code"
          label="6-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          hint="The code your authenticator app shows for this site now."
          required
        />
      ) : (
        <Field id="recovery-code" name="code" label="Recovery code" autoComplete="off" maxLength={64} required />
      )}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Confirm"}
      </Button>
    </form>
  );
}

/** Someone with a second factor confirms it is them. */
export function SecondFactorVerifyForms({
  hasTotp,
  hasPasskey,
  verifyCode,
  passkeys,
  callbackUrl,
}: {
  hasTotp: boolean;
  hasPasskey: boolean;
  verifyCode: FormAction;
  passkeys: PasskeyCalls;
  callbackUrl: string;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {hasTotp ? (
        <Card title="Authenticator app">
          <CodeForm kind="totp" action={verifyCode} callbackUrl={callbackUrl} />
        </Card>
      ) : null}
      {hasPasskey ? (
        <Card title="Passkey">
          <p className="mb-4 text-sm text-slate-700">Use the passkey on this device, a security key or your phone.</p>
          <PasskeySignInButton
            options={passkeys.authenticationOptions}
            verify={passkeys.verify}
            callbackUrl={callbackUrl}
          />
        </Card>
      ) : null}
      <Card title="Recovery code" className="md:col-span-2">
        <details>
          <summary className="cursor-pointer text-sm text-sky-800 underline">
            Lost your phone or passkey? Use one of your recovery codes
          </summary>
          <div className="mt-4">
            <CodeForm kind="recovery" action={verifyCode} callbackUrl={callbackUrl} />
          </div>
        </details>
      </Card>
    </div>
  );
}

function Done({ enrolled, callbackUrl, finish }: { enrolled: Enrolled; callbackUrl: string; finish?: FormAction }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(finish ?? (async () => ({})), {});
  const label = enrolled.recoveryCodes.length > 0 ? "I have saved my recovery codes — continue" : "Continue";
  return (
    <Card title="Your second factor is set up">
      <div className="space-y-4">
        {enrolled.recoveryCodes.length > 0 ? <RecoveryCodesList codes={enrolled.recoveryCodes} /> : null}
        {finish && enrolled.proof ? (
          <form action={formAction} aria-label="Continue">
            <input type="hidden" name="proof" value={enrolled.proof} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            {state.error ? <Alert tone="error">{state.error}</Alert> : null}
            <Button type="submit" disabled={pending}>
              {label}
            </Button>
          </form>
        ) : (
          <a href={callbackUrl} className={buttonClassName("primary")}>
            {label}
          </a>
        )}
      </div>
    </Card>
  );
}

/** Someone who must have a second factor and has none sets one up: an authenticator app or a passkey. */
export function SecondFactorEnrolForms({
  secret,
  uri,
  confirmTotp,
  passkeys,
  callbackUrl,
  finish,
}: {
  secret: string;
  uri: string;
  confirmTotp: FormAction<Enrolled>;
  passkeys: Pick<PasskeyCalls, "registrationOptions" | "register">;
  callbackUrl: string;
  /** On the pending session: completes the sign-in once the codes are saved. */
  finish?: FormAction;
}) {
  const [state, formAction, pending] = useActionState(confirmTotp, {});
  const [passkeyEnrolled, setPasskeyEnrolled] = useState<Enrolled | null>(null);
  const enrolled = state.data ?? passkeyEnrolled;
  if (enrolled) return <Done enrolled={enrolled} callbackUrl={callbackUrl} finish={finish} />;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card title="Authenticator app">
        <ol className="mb-4 list-decimal space-y-2 pl-5 text-sm text-slate-700">
          <li>
            Add an account in your authenticator app (for example FreeOTP, Aegis, Google Authenticator or 1Password):{" "}
            <a href={uri} className="text-sky-800 underline">
              open it in the app
            </a>{" "}
            on this device, or type this key:
            <code data-testid="totp-secret" className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono">
              {secret}
            </code>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <form action={formAction} className="space-y-4" aria-label="Set up an authenticator app">
          <Field
            id="enrol-code"
            name="code"
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
          />
          {state.error ? <Alert tone="error">{state.error}</Alert> : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Turn on"}
          </Button>
        </form>
      </Card>
      <Card title="Passkey">
        <p className="mb-4 text-sm text-slate-700">
          Or use a passkey: this device&apos;s screen lock, a security key, or your phone.
        </p>
        <PasskeyRegisterButton
          options={passkeys.registrationOptions}
          register={passkeys.register}
          onRegistered={setPasskeyEnrolled}
        />
      </Card>
    </div>
  );
}

/** Signing out is the one other thing a session owing its second factor may do. */
export function SecondFactorSignOut({ action }: { action: FormAction }) {
  const [, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch} className="mt-8">
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}
