/**
 * Setting up an authenticator app: a secret is made (and kept unconfirmed) until the person
 * types a code from the app; then it counts, and ten recovery codes are made and shown once.
 */
import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { replaceRecoveryCodes } from "./recovery-codes";
import { assertNotRateLimited, acceptTotpCode, countFailedAttempt } from "./verify-second-factor";
import { formatTotpSecret, newTotpSecret, totpUri } from "./totp";

export interface TotpEnrolment {
  /** The secret as typed into an app, in groups of four. */
  secret: string;
  uri: string;
}

/** The unconfirmed secret (made now, or the one made before); a confirmed app must be reset first. */
export async function beginTotpEnrolment(
  db: Db,
  { userId, email }: { userId: string; email: string },
): Promise<TotpEnrolment> {
  const existing = await db.secondFactor.findUnique({
    where: { userId },
    select: { totpSecret: true, confirmedAt: true },
  });
  if (existing?.confirmedAt) throw new AppError("CONFLICT", "An authenticator app is already set up.");
  const secret =
    existing?.totpSecret ??
    (
      await db.secondFactor.upsert({
        where: { userId },
        create: { userId, totpSecret: newTotpSecret() },
        update: {},
        select: { totpSecret: true },
      })
    ).totpSecret;
  return { secret: formatTotpSecret(secret), uri: totpUri({ issuer: env().CSIRT_NAME, account: email, secret }) };
}

/** The first code from the app confirms it; returns the recovery codes, to show once. */
export async function confirmTotpEnrolment(
  db: Db,
  { person, code, context }: { person: { id: string; email: string }; code: string; context: AuditContext },
): Promise<string[]> {
  await assertNotRateLimited(db, person, context);
  const pending = await db.secondFactor.findUnique({ where: { userId: person.id }, select: { confirmedAt: true } });
  if (!pending) throw new AppError("NOT_FOUND", "Start setting up the app again: reload this page.");
  if (pending.confirmedAt) throw new AppError("CONFLICT", "An authenticator app is already set up.");
  const result = await acceptTotpCode(db, { userId: person.id, code });
  if (!result.ok) {
    await countFailedAttempt(db, person, context);
    await recordAudit(db, {
      actor: { id: person.id, label: person.email },
      action: "mfa.totp.enrol_failed",
      context,
    });
    throw new AppError("INVALID_INPUT", "That code is not right. Enter the 6-digit code your app shows now.");
  }
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, person.id);
    await recordAudit(tx, {
      actor: { id: person.id, label: person.email },
      action: "mfa.totp.enrolled",
      target: { type: "User", id: person.id },
      context,
    });
    return codes;
  });
}

/** New recovery codes (the old ones stop working), for someone signed in with their second factor. */
export async function renewRecoveryCodes(
  db: Db,
  { person, context }: { person: { id: string; email: string }; context: AuditContext },
): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, person.id);
    await recordAudit(tx, {
      actor: { id: person.id, label: person.email },
      action: "mfa.recovery_codes.renewed",
      target: { type: "User", id: person.id },
      context,
    });
    return codes;
  });
}
