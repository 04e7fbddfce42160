import { createHash, randomBytes } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * What a token may do, per area: `read` sees, `write` changes. `ingest` is the collectors'
 * scope (sending flow files, following their runs); `ingest:read` lists every run.
 */
export const API_SCOPES = [
  "incidents:read",
  "incidents:write",
  "incidents:export",
  "organisations:read",
  "contact-requests:read",
  "contact-requests:write",
  "ingest",
  "ingest:read",
  "notifications:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What an institution's token may be given: its own organisation's incidents and contact requests. */
export const INSTITUTION_SCOPES = [
  "incidents:read",
  "incidents:write",
  "incidents:export",
  "contact-requests:read",
  "contact-requests:write",
] as const satisfies readonly ApiScope[];

export const API_SCOPE_LABEL: Record<ApiScope, string> = {
  "incidents:read": "Read incidents, their timeline and files",
  "incidents:write":
    "Change incidents: status, assignee, notes (an organisation's token: acknowledge, respond, resolve)",
  "incidents:export": "Export incidents as MISP events or STIX 2.1 bundles (never TLP:RED or TLP:AMBER+STRICT)",
  "organisations:read": "Read organisations, address blocks and contacts",
  "contact-requests:read": "Read contact change requests",
  "contact-requests:write": "Request contact changes",
  ingest: "Send flow files",
  "ingest:read": "Read ingest runs",
  "notifications:read": "Read the notice outbox",
};

/** The same, as an organisation's people read them in the portal. */
export const INSTITUTION_SCOPE_LABEL: Record<(typeof INSTITUTION_SCOPES)[number], string> = {
  "incidents:read": "Read your incidents, their timeline and files",
  "incidents:write": "Acknowledge, respond to and resolve your incidents",
  "incidents:export": "Export your incidents as MISP events or STIX 2.1 bundles (never TLP:RED)",
  "contact-requests:read": "Read your contact change requests",
  "contact-requests:write": "Ask for contact changes",
};

/** Longest life of a token made in the portal. */
export const MAX_TOKEN_DAYS = 365;

const TOKEN_PREFIX = "csirt_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a token and returns it once; only its hash is stored. With `organisationId` it is an
 * institution's token: it acts for `createdById` (a member of that organisation) and reaches that
 * organisation only.
 */
export async function createApiToken(
  db: Db,
  {
    name,
    scopes,
    createdById,
    organisationId,
    expiresAt,
  }: {
    name: string;
    scopes: ApiScope[];
    createdById?: string | null;
    organisationId?: string | null;
    expiresAt?: Date | null;
  },
): Promise<{ id: string; token: string; prefix: string }> {
  if (!name.trim()) throw new AppError("INVALID_INPUT", "A token needs a name that says what uses it.");
  if (name.trim().length > 100) throw new AppError("INVALID_INPUT", "A token's name can be at most 100 characters.");
  if (scopes.length === 0) throw new AppError("INVALID_INPUT", "Choose at least one thing the token may do.");
  const unknown = scopes.filter((scope) => !(API_SCOPES as readonly string[]).includes(scope));
  if (unknown.length) throw new AppError("INVALID_INPUT", `Unknown scope: ${unknown.join(", ")}.`);
  if (organisationId) {
    const outside = scopes.filter((scope) => !(INSTITUTION_SCOPES as readonly string[]).includes(scope));
    if (outside.length)
      throw new AppError("INVALID_INPUT", `An organisation's token cannot have: ${outside.join(", ")}.`);
    if (!createdById) throw new AppError("INVALID_INPUT", "An organisation's token acts for the person who made it.");
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const row = await db.apiToken.create({
    data: {
      name: name.trim(),
      tokenHash: hashToken(token),
      prefix,
      scopes: [...new Set(scopes)],
      createdById,
      organisationId: organisationId ?? null,
      expiresAt: expiresAt ?? null,
    },
  });
  return { id: row.id, token, prefix };
}

/** Who a valid token stands for. */
export interface ApiTokenIdentity {
  id: string;
  name: string;
  scopes: ApiScope[];
  /** Staff tokens see what analysts see; institution tokens their organisation only. */
  audience: "staff" | "institution";
  organisationId: string | null;
  /** An institution token's user, its organisations narrowed to the token's one. */
  user: CurrentUser | null;
}

/**
 * Recognises a bearer token: the same answer for unknown, revoked and expired tokens, and for an
 * institution token whose maker has left the organisation or was deactivated.
 */
export async function authenticateApiToken(db: Db, authorization: string | null): Promise<ApiTokenIdentity> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token?.startsWith(TOKEN_PREFIX))
    throw new AppError("UNAUTHENTICATED", "Send an API token: Authorization: Bearer csirt_...");
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      createdBy: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          active: true,
          memberships: { where: { organisation: { active: true } }, select: { organisationId: true } },
        },
      },
    },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now))
    throw new AppError("UNAUTHENTICATED", "That API token is not valid.");
  const maker = row.createdBy;
  let user: CurrentUser | null = null;
  if (row.organisationId) {
    const member = maker?.memberships.some((membership) => membership.organisationId === row.organisationId);
    if (!maker?.active || maker.role !== "INSTITUTION" || !member)
      throw new AppError("UNAUTHENTICATED", "That API token is not valid.");
    user = {
      id: maker.id,
      email: maker.email,
      name: maker.name,
      role: maker.role,
      organisationIds: [row.organisationId],
    };
  } else if (maker && (!maker.active || maker.role === "INSTITUTION")) {
    throw new AppError("UNAUTHENTICATED", "That API token is not valid.");
  }
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.filter((scope): scope is ApiScope => (API_SCOPES as readonly string[]).includes(scope)),
    audience: row.organisationId ? "institution" : "staff",
    organisationId: row.organisationId,
    user,
  };
}

export function assertTokenScope(token: Pick<ApiTokenIdentity, "scopes">, scope: ApiScope): void {
  if (!token.scopes.includes(scope))
    throw new AppError("FORBIDDEN", `This API token does not have the "${scope}" scope.`);
}

/** Revokes a token; `organisationId` limits it to that organisation's tokens (the portal). */
export async function revokeApiToken(db: Db, id: string, { organisationId }: { organisationId?: string } = {}) {
  const { count } = await db.apiToken.updateMany({
    where: { id, revokedAt: null, ...(organisationId ? { organisationId } : {}) },
    data: { revokedAt: new Date() },
  });
  if (count === 0 && organisationId) throw new AppError("NOT_FOUND", "No such token.");
}

/** An organisation's tokens, newest first, for the portal (never the token itself). */
export async function listOrganisationApiTokens(db: Db, { organisationIds }: { organisationIds: string[] }) {
  return db.apiToken.findMany({
    where: { organisationId: { in: organisationIds } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      organisationId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
  });
}
