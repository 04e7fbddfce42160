import type { Db, Tx } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { getSettings } from "@/lib/settings/get-settings";

export interface SecondFactorStatus {
  /** A confirmed authenticator app. */
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: Db | Tx, userId: string): Promise<SecondFactorStatus> {
  const [factor, passkeys, recoveryCodesLeft] = await Promise.all([
    db.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.passkey.count({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: factor?.confirmedAt != null, passkeys, recoveryCodesLeft };
}

export function hasSecondFactor(status: SecondFactorStatus): boolean {
  return status.totp || status.passkeys > 0;
}

/** Admins always; analysts when the setting says so. Institution users sign in by e-mail link or SSO. */
export async function secondFactorRequired(db: Db | Tx, role: UserRole): Promise<boolean> {
  if (role === "ADMIN") return true;
  if (role !== "ANALYST") return false;
  return Number((await getSettings(db))["auth.analystsNeedSecondFactor"]) === 1;
}

/**
 * What a staff sign-in by password leads to: straight in, or the second-factor page first.
 * Anyone who has set up a second factor uses it, whether or not it is required of them.
 */
export async function secondFactorAtSignIn(
  db: Db | Tx,
  { userId, role }: { userId: string; role: UserRole },
): Promise<"pending" | "none"> {
  if (role === "INSTITUTION") return "none";
  if (await secondFactorRequired(db, role)) return "pending";
  return hasSecondFactor(await secondFactorStatus(db, userId)) ? "pending" : "none";
}
