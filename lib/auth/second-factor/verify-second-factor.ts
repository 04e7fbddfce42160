/**
 * Checking a second factor typed by a person (a code from the authenticator app, or a recovery
 * code). Wrong codes count against the same per-account and per-address limits as wrong
 * passwords (lib/auth/rate-limit.ts); a code of a time step already used is refused.
 */
import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, isRateLimited, SIGN_IN_RULES, signInAccountKey, signInAddressKey } from "../rate-limit";
import { consumeRecoveryCode } from "./recovery-codes";
import { checkTotpCode } from "./totp";

export type CodeKind = "totp" | "recovery";

interface Person {
  id: string;
  email: string;
}

export async function assertNotRateLimited(db: Db, person: Person, context: AuditContext): Promise<void> {
  if (
    (await isRateLimited(db, signInAccountKey(person.email), SIGN_IN_RULES.perAccount)) ||
    (await isRateLimited(db, signInAddressKey(context.ip), SIGN_IN_RULES.perAddress))
  ) {
    await recordAudit(db, {
      actor: { id: person.id, label: person.email },
      action: "signin.second_factor.rate_limited",
      context,
    });
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts. Wait 15 minutes and try again.");
  }
}

export async function countFailedAttempt(db: Db, person: Person, context: AuditContext): Promise<void> {
  await consumeRateLimit(db, signInAccountKey(person.email), SIGN_IN_RULES.perAccount);
  await consumeRateLimit(db, signInAddressKey(context.ip), SIGN_IN_RULES.perAddress);
}

/** Accepts a TOTP code once: the step is saved only if no later or equal step was saved meanwhile. */
export async function acceptTotpCode(db: Db, { userId, code }: { userId: string; code: string }) {
  const factor = await db.secondFactor.findUnique({
    where: { userId },
    select: { totpSecret: true, lastTimeStep: true, confirmedAt: true },
  });
  if (!factor) return { ok: false as const, replayed: false };
  const check = await checkTotpCode({ secret: factor.totpSecret, code, lastTimeStep: factor.lastTimeStep });
  if (!check.ok) return check;
  const { count } = await db.secondFactor.updateMany({
    where: { userId, lastTimeStep: { lt: check.timeStep } },
    data: { lastTimeStep: check.timeStep, ...(factor.confirmedAt ? {} : { confirmedAt: new Date() }) },
  });
  // Another request took this step first (the same code sent twice at once).
  if (count === 0) return { ok: false as const, replayed: true };
  return { ok: true as const, confirmedNow: !factor.confirmedAt };
}

/**
 * A confirmed person's code: returns on success, throws an AppError a form can show otherwise.
 * `purpose` is written in the audit log ("signin", "reset").
 */
export async function verifySecondFactorCode(
  db: Db,
  {
    person,
    kind,
    code,
    context,
    purpose,
  }: { person: Person; kind: CodeKind; code: string; context: AuditContext; purpose: string },
): Promise<void> {
  await assertNotRateLimited(db, person, context);
  const actor = { id: person.id, label: person.email };
  let replayed = false;
  let ok = false;
  if (kind === "totp") {
    const confirmed = await db.secondFactor.findFirst({ where: { userId: person.id, confirmedAt: { not: null } } });
    if (confirmed) {
      const result = await acceptTotpCode(db, { userId: person.id, code });
      ok = result.ok;
      replayed = !result.ok && result.replayed;
    }
  } else {
    ok = await consumeRecoveryCode(db, { userId: person.id, code });
  }
  if (!ok) {
    await countFailedAttempt(db, person, context);
    await recordAudit(db, {
      actor,
      action: "signin.second_factor.failed",
      context,
      data: { method: kind, purpose, ...(replayed ? { replayed: true } : {}) },
    });
    throw new AppError(
      "INVALID_INPUT",
      replayed
        ? "That code was already used. Wait for the next code in your app and enter it."
        : kind === "totp"
          ? "That code is not right. Enter the 6-digit code your authenticator app shows now."
          : "That recovery code is not right, or was already used.",
    );
  }
  await recordAudit(db, { actor, action: "signin.second_factor", context, data: { method: kind, purpose } });
}
