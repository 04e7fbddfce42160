/**
 * Recovery codes: ten one-time codes shown once when a second factor is set up (or renewed),
 * for the day the phone is lost. Only their SHA-256 is stored; a code works once.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function randomCode(): string {
  const bytes = randomBytes(10);
  const characters = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${characters.slice(0, 5)}-${characters.slice(5)}`;
}

export function normaliseRecoveryCode(code: string): string {
  const compact = code.trim().toLowerCase().replace(/[\s-]/g, "");
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

/** Replaces every code the person had; the returned codes are never stored or shown again. */
export async function replaceRecoveryCodes(tx: Db | Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/** Uses up one code: true when it was one of the person's unused codes (two tabs cannot both use it). */
export async function consumeRecoveryCode(
  db: Db | Tx,
  { userId, code }: { userId: string; code: string },
): Promise<boolean> {
  if (code.trim().length === 0 || code.length > 64) return false;
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}
