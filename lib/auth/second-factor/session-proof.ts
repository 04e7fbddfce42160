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
  return sameString(value, secondFactorProof(userId, sessionId));
}

/**
 * Given to the browser that just set up a second factor on a pending session, and sent back when
 * the person has saved their recovery codes: then the session is marked verified. (Marking it at
 * once would re-render the page, which sends a signed-in person on, before the codes are read.)
 */
export function enrolmentProof(userId: string, sessionId: string): string {
  return createHmac("sha256", secret()).update(`second-factor-enrolled:${userId}:${sessionId}`).digest("base64url");
}

export function isEnrolmentProof(value: unknown, userId: string, sessionId: string): boolean {
  return sameString(value, enrolmentProof(userId, sessionId));
}

function sameString(value: unknown, expected: string): boolean {
  if (typeof value !== "string") return false;
  const given = Buffer.from(value);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
