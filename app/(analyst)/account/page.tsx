import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageStaff } from "@/lib/http/page-guards";

export const metadata: Metadata = { title: "Your account" };

/**
 * Who is signed in, from the session alone (no query of its own). It is also the floor
 * `bench:web` measures every page against: an authenticated page in the same frame that does
 * nothing else (ADR 0004).
 */
export default async function AccountPage() {
  const user = await pageStaff("/account");
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description="Who you are signed in as." />
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Name</dt>
          <dd data-testid="account-name">{user.name}</dd>
          <dt className="font-medium text-slate-600">E-mail address</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="font-medium text-slate-600">Role</dt>
          <dd>{user.role.toLowerCase()}</dd>
        </dl>
        <p className="mt-4 text-sm">
          <Link href="/account/security" className="text-sky-700 underline">
            Sign-in security
          </Link>{" "}
          (second factor, passkeys, recovery codes).
        </p>
      </Card>
    </div>
  );
}
