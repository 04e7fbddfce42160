import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your e-mail" };

export default function CheckEmailPage() {
  return (
    <main className="mx-auto max-w-lg px-6 py-12">
      <h1 className="text-2xl font-semibold">Check your e-mail</h1>
      <p className="mt-3 text-slate-700">
        If the address is a site contact of a member organisation, a sign-in link is on its way. It works once and
        expires in 30 minutes.
      </p>
      <Link href="/signin" className="mt-6 inline-block text-sky-700 underline">
        Back to sign in
      </Link>
    </main>
  );
}
