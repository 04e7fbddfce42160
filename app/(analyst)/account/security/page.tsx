import type { Metadata } from "next";
import { Suspense } from "react";
import { AddPasskey, RenewRecoveryCodesForm, ResetSecondFactorForm } from "@/components/second-factor/account-security";
import { SecondFactorEnrolForms } from "@/components/second-factor/second-factor-forms";
import { Card } from "@/components/ui/card";
import { LoadingBlock } from "@/components/ui/loading-block";
import { PageHeader } from "@/components/ui/page-header";
import { UtcTime } from "@/components/ui/utc-time";
import type { CurrentUser } from "@/lib/auth/guards";
import { listOwnPasskeys, listStaffSecondFactors } from "@/lib/auth/second-factor/reset-second-factor";
import { secondFactorPage } from "@/lib/auth/second-factor/second-factor-page";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import {
  confirmOwnTotpAction,
  ownPasskeyRegistrationOptionsCall,
  registerOwnPasskeyCall,
  renewRecoveryCodesAction,
  resetSecondFactorAction,
} from "./actions";

export const metadata: Metadata = { title: "Sign-in security" };

const PASSKEYS = { registrationOptions: ownPasskeyRegistrationOptionsCall, register: registerOwnPasskeyCall };

export default async function AccountSecurityPage() {
  const user = await pageStaff("/account/security");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Sign-in security"
        description="Your second factor: an authenticator app, passkeys and recovery codes."
      />
      <Suspense fallback={<LoadingBlock label="Loading…" height="h-64" />}>
        <Sections user={user} />
      </Suspense>
    </div>
  );
}

async function Sections({ user }: { user: CurrentUser }) {
  const [page, passkeys, staff] = await Promise.all([
    secondFactorPage(db, user),
    listOwnPasskeys(db, user.id),
    user.role === "ADMIN" ? listStaffSecondFactors(db) : Promise.resolve([]),
  ]);
  return (
    <>
      {page.mode === "enrol" ? (
        <SecondFactorEnrolForms
          secret={page.totp.secret}
          uri={page.totp.uri}
          confirmTotp={confirmOwnTotpAction}
          passkeys={PASSKEYS}
          callbackUrl="/account/security"
        />
      ) : (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title="Your second factor">
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between gap-4">
                <dt className="text-slate-600">Authenticator app</dt>
                <dd>{page.status.totp ? "On" : "Not set up"}</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt className="text-slate-600">Recovery codes left</dt>
                <dd>{page.status.recoveryCodesLeft}</dd>
              </div>
            </dl>
            <div className="mt-4">
              <RenewRecoveryCodesForm action={renewRecoveryCodesAction} />
            </div>
          </Card>
          <Card title="Passkeys">
            {passkeys.length > 0 ? (
              <ul className="mb-4 space-y-2 text-sm" data-testid="passkeys">
                {passkeys.map((key) => (
                  <li key={key.id} className="flex flex-wrap justify-between gap-2">
                    <span className="font-medium">{key.name}</span>
                    <span className="text-slate-600">
                      added <UtcTime value={key.createdAt} />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-slate-700">No passkey yet.</p>
            )}
            <AddPasskey passkeys={PASSKEYS} />
          </Card>
        </div>
      )}
      {user.role === "ADMIN" ? (
        <Card title="Reset a staff member's second factor">
          <p className="mb-4 text-sm text-slate-700">
            For someone who lost their phone or passkey and their recovery codes: their second factor is removed, they
            are signed out everywhere and set up a new one at their next sign-in. Confirm with your own second factor.
          </p>
          <ResetSecondFactorForm
            action={resetSecondFactorAction}
            staff={staff
              .filter((person) => person.id !== user.id)
              .map((person) => ({
                id: person.id,
                label: `${person.name} (${person.email}) — ${
                  [person.totp ? "app" : null, person.passkeys > 0 ? `${person.passkeys} passkey(s)` : null]
                    .filter(Boolean)
                    .join(", ") || "no second factor"
                }`,
              }))}
          />
        </Card>
      ) : null}
    </>
  );
}
