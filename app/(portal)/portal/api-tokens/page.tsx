import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiTokenForm, RevokeApiTokenForm } from "@/components/api-tokens/api-token-forms";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { INSTITUTION_SCOPE_LABEL, INSTITUTION_SCOPES, listOrganisationApiTokens } from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pageUserWithRole } from "@/lib/http/page-guards";
import { listOwnOrganisations } from "@/lib/portal/list-own-organisations";
import { TOKEN_LIFETIMES_DAYS } from "@/lib/portal/organisation-api-tokens";
import { readableDay, readableTime } from "@/lib/time/readable-time";
import { createApiTokenAction, revokeApiTokenAction } from "../actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function PortalApiTokensPage() {
  const user = await pageUserWithRole("/portal/api-tokens", "INSTITUTION");
  const [organisations, tokens] = await Promise.all([
    listOwnOrganisations(db, { organisationIds: user.organisationIds }),
    listOrganisationApiTokens(db, { organisationIds: user.organisationIds }),
  ]);
  const timeZone = organisations[0]?.timeZone;
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  const now = new Date();
  const apiUrl = `${env().APP_URL.replace(/\/$/, "")}/api/v1`;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="max-w-prose text-sm text-slate-700">
          Let your own systems (a ticket system, a script) read your organisation&apos;s incidents, acknowledge them,
          report what you did and resolve them. A token reaches your organisation only, acts in your name, and stops
          working when it expires, when you revoke it, or when your access ends.{" "}
          <Link href="/api-reference" className="text-sky-800 underline">
            API reference
          </Link>
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="New token" className="lg:col-span-1 lg:self-start">
          <CreateApiTokenForm
            action={createApiTokenAction}
            organisations={organisations.map(({ id, name }) => ({ id, name }))}
            scopes={INSTITUTION_SCOPES.map((scope) => ({ value: scope, label: INSTITUTION_SCOPE_LABEL[scope] }))}
            lifetimes={[...TOKEN_LIFETIMES_DAYS]}
          />
        </Card>
        <Card title="Your tokens" className="min-w-0 lg:col-span-2 lg:self-start">
          {tokens.length === 0 ? (
            <EmptyState title="No tokens yet" />
          ) : (
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
                    </div>
                    <p className="text-xs break-words text-slate-600">
                      {token.scopes
                        .map((scope) => INSTITUTION_SCOPE_LABEL[scope as keyof typeof INSTITUTION_SCOPE_LABEL] ?? scope)
                        .join(" · ")}
                    </p>
                    <p className="text-xs text-slate-600">
                      {organisations.length > 1 && token.organisationId ? `${names.get(token.organisationId)} · ` : ""}
                      Made by {token.createdBy?.email ?? "someone who has left"} on{" "}
                      {readableDay(token.createdAt, timeZone)}
                      {token.expiresAt
                        ? ` · ${expired ? "expired" : "expires"} ${readableDay(token.expiresAt, timeZone)}`
                        : ""}
                      {` · ${token.lastUsedAt ? `last used ${readableTime(token.lastUsedAt, timeZone)}` : "never used"}`}
                    </p>
                    {state === "Active" ? (
                      <RevokeApiTokenForm action={revokeApiTokenAction} tokenId={token.id} name={token.name} />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
      <Card title="Try it">
        <p className="mb-2 text-sm text-slate-700">Your open incidents, then acknowledging one:</p>
        <pre className="rounded bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
          {`curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/incidents?status=open
curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{"status":"ACKNOWLEDGED"}' ${apiUrl}/incidents/1234/status`}
        </pre>
      </Card>
    </div>
  );
}
