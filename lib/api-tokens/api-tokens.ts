import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const API_SCOPES = ["ingest"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const TOKEN_PREFIX = "csirt_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token and returns it once; only its hash is stored. */
export async function createApiToken(
  db: Db,
  {
    name,
    scopes,
    createdById,
    expiresAt,
  }: { name: string; scopes: ApiScope[]; createdById?: string | null; expiresAt?: Date | null },
): Promise<{ id: string; token: string }> {
  if (!name.trim()) throw new AppError("INVALID_INPUT", "A token needs a name that says what uses it.");
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      name: name.trim(),
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes,
      createdById,
      expiresAt: expiresAt ?? null,
    },
  });
  return { id: row.id, token };
}

/** Checks a bearer token for a scope; the same answer for unknown, revoked and expired tokens. */
export async function authenticateApiToken(
  db: Db,
  authorization: string | null,
  scope: ApiScope,
): Promise<{ id: string; name: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token?.startsWith(TOKEN_PREFIX))
    throw new AppError("UNAUTHENTICATED", "Send an API token: Authorization: Bearer csirt_...");
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now))
    throw new AppError("UNAUTHENTICATED", "That API token is not valid.");
  if (!row.scopes.includes(scope)) throw new AppError("FORBIDDEN", `That API token may not ${scope}.`);
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { id: row.id, name: row.name };
}

export async function revokeApiToken(db: Db, id: string): Promise<void> {
  await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
}
