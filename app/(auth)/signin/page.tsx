import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, isStaff } from "@/lib/auth/guards";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

const LINK_ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "That address cannot sign in here.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const user = await currentUser();
  if (user) redirect(safeReturnPath(params.callbackUrl, isStaff(user) ? "/" : "/portal"));
  return (
    <main className="mx-auto max-w-4xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-700">Incident handling for the network&apos;s member organisations.</p>
      <div className="mt-8">
        <SignInForms callbackUrl={params.callbackUrl} error={params.error ? (LINK_ERRORS[params.error] ?? "Sign-in did not work. Try again.") : undefined} />
      </div>
    </main>
  );
}
