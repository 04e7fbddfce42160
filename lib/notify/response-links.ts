import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * Response links: `<row id>.<HMAC(AUTH_SECRET, row id)>`. Derived, not stored: every retry of a
 * message carries the same link, and the database holds only the SHA-256 of it.
 */
function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set: response links cannot be signed");
  return value;
}

function signature(id: string): string {
  return createHmac("sha256", secret()).update(`response-link:${id}`).digest("base64url");
}

export function tokenForResponseRow(id: string): string {
  return `${id}.${signature(id)}`;
}

export function hashResponseToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function responseUrl(token: string, appUrl = env().APP_URL): string {
  return `${appUrl.replace(/\/$/, "")}/respond/${token}`;
}

export async function createResponseToken(
  tx: Db | Tx,
  {
    incidentId,
    contactId,
    notificationId,
    email,
    expiresAt,
  }: { incidentId: string; contactId: string | null; notificationId: string | null; email: string; expiresAt: Date },
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = tokenForResponseRow(id);
  await tx.responseToken.create({
    data: { id, tokenHash: hashResponseToken(token), incidentId, contactId, notificationId, email, expiresAt },
  });
  return { id, token };
}

export type ResponseTokenCheck =
  | { ok: true; tokenId: string; incidentId: string; contactId: string | null; email: string }
  | { ok: false; reason: "malformed" | "unknown" | "expired" | "revoked" };

/** Checks a link's signature first (no database work for forged links), then its row. */
export async function checkResponseToken(db: Db, token: string, now = new Date()): Promise<ResponseTokenCheck> {
  const [id, given] = token.split(".");
  if (!id || !given || !/^[0-9a-f-]{36}$/.test(id)) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signature(id));
  const provided = Buffer.from(given);
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided))
    return { ok: false, reason: "unknown" };
  const row = await db.responseToken.findUnique({ where: { tokenHash: hashResponseToken(token) } });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, tokenId: row.id, incidentId: row.incidentId, contactId: row.contactId, email: row.email };
}

export async function revokeResponseTokens(
  db: Db,
  { incidentId, revokedById }: { incidentId: string; revokedById: string },
): Promise<number> {
  const { count } = await db.responseToken.updateMany({
    where: { incidentId, revokedAt: null },
    data: { revokedAt: new Date(), revokedById },
  });
  return count;
}
