import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { singleSignOnName } from "@/lib/auth/config";
import { isStaff, sessionState } from "@/lib/auth/guards";
import { SECOND_FACTOR_PATH } from "@/lib/http/page-guards";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";
import { firstParam } from "@/lib/http/search-params";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

const LINK_ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "That address cannot sign in here.",
  Configuration: "Single sign-on did not work: the answer from your organisation's sign-in service was refused.",
  OAuthCallbackError: "Single sign-on did not work. Try again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // A hostile callbackUrl was already answered 400 by the proxy; here it can only fall back.
  const callbackUrl = firstParam(params.callbackUrl);
  const state = await sessionState();
  if (state.kind === "second-factor")
    redirect(`${SECOND_FACTOR_PATH}?callbackUrl=${encodeURIComponent(returnPathOrFallback(callbackUrl))}`);
  if (state.kind === "signed-in") redirect(returnPathOrFallback(callbackUrl, isStaff(state.user) ? "/" : "/portal"));
  const error = firstParam(params.error);
  return (
    <main className="mx-auto max-w-4xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-700">Incident handling for the network&apos;s member organisations.</p>
      <div className="mt-8">
        <SignInForms
          callbackUrl={callbackUrl === undefined ? undefined : returnPathOrFallback(callbackUrl, "")}
          error={error ? (LINK_ERRORS[error] ?? "Sign-in did not work. Try again.") : undefined}
          singleSignOn={singleSignOnName() ?? undefined}
        />
      </div>
    </main>
  );
}
