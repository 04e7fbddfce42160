/**
 * A session moves from "second factor pending" to "verified" only through the server: the action
 * that checked the code asks Auth.js to update the session with this proof, an HMAC of the user
 * and the session's own id under AUTH_SECRET. Anyone can ask Auth.js to update their session
 * (POST /api/auth/session), but nobody without the secret can write the proof.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type SecondFactorState = "none" | "pending" | "verified";

function secret(): string {
  const value = process.env.AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set: sessions cannot be signed");
  return value;
}

export function secondFactorProof(userId: string, sessionId: string): string {
  return createHmac("sha256", secret()).update(`second-factor-verified:${userId}:${sessionId}`).digest("base64url");
}

export function isSecondFactorProof(value: unknown, userId: string, sessionId: string): boolean {
  if (typeof value !== "string") return false;
  const expected = Buffer.from(secondFactorProof(userId, sessionId));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
