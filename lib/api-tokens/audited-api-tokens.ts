/**
 * Making and revoking a token on a person's behalf, with its audit entry: the one path the
 * portal (an organisation's token) and the administrators' page (a CSIRT token) share. Who may do
 * it, and which token is theirs, the callers decide first.
 */
import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { type ApiScope, createApiToken } from "./api-tokens";

export async function createAuditedApiToken(
  db: Db,
  {
    user,
    name,
    scopes,
    days,
    organisationId = null,
    context,
  }: {
    user: CurrentUser;
    name: string;
    scopes: ApiScope[];
    days: number;
    organisationId?: string | null;
    context?: AuditContext;
  },
): Promise<{ token: string; name: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const created = await createApiToken(db, { name, scopes, createdById: user.id, organisationId, expiresAt });
  await recordAudit(db, {
    actor: { id: user.id, label: user.email },
    action: "api_token.create",
    target: { type: "ApiToken", id: created.id },
    ...(organisationId ? { organisationId } : {}),
    context,
    data: { name, scopes, expiresAt: expiresAt.toISOString() },
  });
  return { token: created.token, name, expiresAt };
}

/** Revokes a token the caller has already found and may revoke; a revoked one stays as it is, unaudited. */
export async function revokeAuditedApiToken(
  db: Db,
  {
    user,
    token,
    context,
  }: {
    user: CurrentUser;
    token: { id: string; organisationId: string | null; revokedAt: Date | null };
    context?: AuditContext;
  },
): Promise<void> {
  if (token.revokedAt) return;
  await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  await recordAudit(db, {
    actor: { id: user.id, label: user.email },
    action: "api_token.revoke",
    target: { type: "ApiToken", id: token.id },
    organisationId: token.organisationId,
    context,
  });
}
