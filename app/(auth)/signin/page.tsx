import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, isStaff } from "@/lib/auth/guards";
import { returnPathOrFallback } from "@/lib/http/safe-redirect";
import { firstParam } from "@/lib/http/search-params";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

const LINK_ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "That address cannot sign in here.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // A hostile callbackUrl was already answered 400 by the proxy; here it can only fall back.
  const callbackUrl = firstParam(params.callbackUrl);
  const user = await currentUser();
  if (user) redirect(returnPathOrFallback(callbackUrl, isStaff(user) ? "/" : "/portal"));
  const error = firstParam(params.error);
  return (
    <main className="mx-auto max-w-4xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-700">Incident handling for the network&apos;s member organisations.</p>
      <div className="mt-8">
        <SignInForms
          callbackUrl={callbackUrl === undefined ? undefined : returnPathOrFallback(callbackUrl, "")}
          error={error ? (LINK_ERRORS[error] ?? "Sign-in did not work. Try again.") : undefined}
        />
      </div>
    </main>
  );
}
