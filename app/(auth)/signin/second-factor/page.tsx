import type { Metadata } from "next";
import { redirect } from "next/navigation";
import {
  SecondFactorEnrolForms,
  SecondFactorSignOut,
  SecondFactorVerifyForms,
} from "@/components/second-factor/second-factor-forms";
import { isStaff, sessionState } from "@/lib/auth/guards";
import { secondFactorPage } from "@/lib/auth/second-factor/second-factor-page";
import { db } from "@/lib/db/client";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";
import { firstParam } from "@/lib/http/search-params";
import { signOutAction } from "../actions";
import {
  confirmTotpAction,
  finishEnrolmentAction,
  passkeyAuthenticationOptionsCall,
  passkeyRegistrationOptionsCall,
  registerPasskeyCall,
  verifyCodeAction,
  verifyPasskeyCall,
} from "./actions";

export const metadata: Metadata = { title: "Confirm it is you" };

const PASSKEY_CALLS = {
  authenticationOptions: passkeyAuthenticationOptionsCall,
  verify: verifyPasskeyCall,
  registrationOptions: passkeyRegistrationOptionsCall,
  register: registerPasskeyCall,
};

export default async function SecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = returnPathOrFallback(firstParam((await searchParams).callbackUrl));
  const state = await sessionState();
  if (state.kind === "anonymous") redirect("/signin");
  if (state.kind === "signed-in") redirect(isStaff(state.user) ? callbackUrl : "/portal");
  const page = await secondFactorPage(db, state.user);
  return (
    <main className="mx-auto max-w-4xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">
        {page.mode === "verify" ? "Confirm it is you" : "Set up a second factor"}
      </h1>
      <p className="mt-2 text-slate-700">
        {page.mode === "verify"
          ? `Signed in as ${state.user.email}. Confirm with your second factor to continue.`
          : `Signed in as ${state.user.email}. Your account needs a second factor besides the password: set one up to continue.`}
      </p>
      <div className="mt-8">
        {page.mode === "verify" ? (
          <SecondFactorVerifyForms
            hasTotp={page.status.totp}
            hasPasskey={page.status.passkeys > 0}
            verifyCode={verifyCodeAction}
            passkeys={PASSKEY_CALLS}
            callbackUrl={callbackUrl}
          />
        ) : (
          <SecondFactorEnrolForms
            secret={page.totp.secret}
            uri={page.totp.uri}
            confirmTotp={confirmTotpAction}
            passkeys={PASSKEY_CALLS}
            callbackUrl={callbackUrl}
            finish={finishEnrolmentAction}
          />
        )}
      </div>
      <SecondFactorSignOut action={signOutAction} />
    </main>
  );
}
