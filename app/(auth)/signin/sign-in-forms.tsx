"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { requestSignInLink, signInWithPassword, signInWithSso, type SignInFormState } from "./actions";

export function SignInForms({
  callbackUrl,
  error,
  singleSignOn,
}: {
  callbackUrl?: string;
  error?: string;
  /** The IdP's name, when single sign-on is configured. */
  singleSignOn?: string;
}) {
  // The server action itself (not a wrapper), so the form posts even before the page's script has
  // loaded; React resets a form after its action, so a refusal gives the e-mail typed back.
  const [passwordState, passwordAction, passwordPending] = useActionState<SignInFormState, FormData>(
    signInWithPassword,
    {},
  );
  const [linkState, linkAction, linkPending] = useActionState<SignInFormState, FormData>(requestSignInLink, {});
  const [, ssoAction, ssoPending] = useActionState<SignInFormState, FormData>(signInWithSso, {});
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card title="CSIRT staff">
        <form action={passwordAction} className="space-y-4" aria-label="Sign in with password">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
          <Field
            id="staff-email"
            name="email"
            type="email"
            label="E-mail"
            autoComplete="username"
            defaultValue={passwordState.email}
            required
          />
          <Field
            id="staff-password"
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            required
          />
          {passwordState.error ? <Alert tone="error">{passwordState.error}</Alert> : null}
          <Button type="submit" disabled={passwordPending}>
            {passwordPending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {singleSignOn ? (
          <form action={ssoAction} className="mt-4 border-t border-slate-200 pt-4" aria-label="Single sign-on">
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
            <Button type="submit" variant="secondary" disabled={ssoPending}>
              {ssoPending ? "Opening…" : `Sign in with ${singleSignOn}`}
            </Button>
            <p className="mt-2 text-xs text-slate-600">Staff, and site contacts whose organisation uses it.</p>
          </form>
        ) : null}
      </Card>
      <Card title="Member organisations">
        <form action={linkAction} className="space-y-4" aria-label="Sign in with an e-mail link">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/portal"} />
          <Field
            id="member-email"
            name="email"
            type="email"
            label="Your work e-mail"
            autoComplete="email"
            hint="We send a sign-in link to site contacts of member organisations."
            required
          />
          {linkState.error ? <Alert tone="error">{linkState.error}</Alert> : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <Button type="submit" variant="secondary" disabled={linkPending}>
            {linkPending ? "Sending…" : "E-mail me a sign-in link"}
          </Button>
        </form>
      </Card>
    </div>
  );
}
