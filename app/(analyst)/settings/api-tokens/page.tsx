import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiTokenForm, RevokeApiTokenForm } from "@/components/api-tokens/api-token-forms";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { API_SCOPE_LABEL, API_SCOPES, type ApiScope } from "@/lib/api-tokens/api-tokens";
import { listAllApiTokens, STAFF_TOKEN_LIFETIMES_DAYS } from "@/lib/api-tokens/staff-api-tokens";
import { db } from "@/lib/db/client";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { readableDay, readableTime } from "@/lib/time/readable-time";
import { createStaffTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

type TokenRow = Awaited<ReturnType<typeof listAllApiTokens>>["active"][number];

export default async function StaffApiTokensPage() {
  await pageUserWithRole("/settings/api-tokens", "ADMIN");
  const { active, ended } = await listAllApiTokens(db);
  return (
    <div className="space-y-6">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens for the CSIRT&apos;s own systems (SOAR, SIEM, collectors) and every organisation&apos;s tokens, which
            you can revoke here. See the{" "}
            <Link href="/api-reference" className="text-sky-800 underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="New CSIRT token" className="lg:col-span-1 lg:self-start">
          <CreateApiTokenForm
            action={createStaffTokenAction}
            organisations={[]}
            scopes={API_SCOPES.map((scope) => ({ value: scope, label: API_SCOPE_LABEL[scope] }))}
            lifetimes={[...STAFF_TOKEN_LIFETIMES_DAYS]}
          />
          <p className="mt-3 text-xs text-slate-600">
            A token acts under its own name on timelines and in the audit log. It stops when it expires, when it is
            revoked, or when the administrator who made it is deactivated.
          </p>
        </Card>
        <Card title={`Active tokens (${active.length})`} className="min-w-0 lg:col-span-2 lg:self-start">
          {active.length === 0 ? <EmptyState title="No active tokens" /> : <TokenList tokens={active} revocable />}
        </Card>
      </div>
      {ended.length ? (
        <Card title="Expired and revoked (latest 50)">
          <TokenList tokens={ended} revocable={false} />
        </Card>
      ) : null}
    </div>
  );
}

function TokenList({ tokens, revocable }: { tokens: TokenRow[]; revocable: boolean }) {
  const now = new Date();
  return (
    <ul className="divide-y divide-slate-100">
      {tokens.map((token) => {
        const expired = token.expiresAt !== null && token.expiresAt <= now;
        const state = token.revokedAt ? "Revoked" : expired ? "Expired" : "Active";
        return (
          <li key={token.id} className="space-y-1 py-3" data-testid="api-token">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium break-all">{token.name}</span>
              <code className="font-mono text-xs text-slate-600">{token.prefix}…</code>
              <Badge tone={state === "Active" ? "emerald" : "red"}>{state}</Badge>
              {token.organisation ? (
                <Link href={`/organisations/${token.organisation.slug}`} className="text-xs text-sky-800 underline">
                  {token.organisation.name}
                </Link>
              ) : (
                <Badge tone="slate">CSIRT</Badge>
              )}
            </div>
            <p className="text-xs break-words text-slate-600">
              {token.scopes.map((scope) => API_SCOPE_LABEL[scope as ApiScope] ?? scope).join(" · ")}
            </p>
            <p className="text-xs text-slate-600">
              {token.createdBy ? `Made by ${token.createdBy.email}` : "Made on the command line"} on{" "}
              {readableDay(token.createdAt)}
              {token.expiresAt
                ? ` · ${expired ? "expired" : "expires"} ${readableDay(token.expiresAt)}`
                : " · no expiry"}
              {` · ${token.lastUsedAt ? `last used ${readableTime(token.lastUsedAt)}` : "never used"}`}
            </p>
            {revocable && state === "Active" ? (
              <RevokeApiTokenForm action={revokeTokenAction} tokenId={token.id} name={token.name} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
