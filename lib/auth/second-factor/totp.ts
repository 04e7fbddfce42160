/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps, what every
 * authenticator app speaks) through otplib. Pure: no database. A code is accepted one step
 * either side of now (clock drift) and only for a step after the last one accepted (no replay).
 */
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads (as a QR code, or typed). */
export function totpUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  return generateURI({ issuer, label: account, secret });
}

/** The secret as people type it: groups of four. */
export function formatTotpSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

export function normaliseTotpCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; replayed: boolean };

/**
 * Whether `code` is valid now. A code valid for a step at or before `lastTimeStep` is a replay:
 * refused, and said so.
 */
export async function checkTotpCode({
  secret,
  code,
  lastTimeStep,
  now = new Date(),
}: {
  secret: string;
  code: string;
  lastTimeStep: number;
  now?: Date;
}): Promise<TotpCheck> {
  const token = normaliseTotpCode(code);
  if (!/^\d{6}$/.test(token)) return { ok: false, replayed: false };
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid || !("timeStep" in result)) return { ok: false, replayed: false };
  if (result.timeStep <= lastTimeStep) return { ok: false, replayed: true };
  return { ok: true, timeStep: result.timeStep };
}

/** The code for a moment (tests, and nothing else, compute codes). */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
