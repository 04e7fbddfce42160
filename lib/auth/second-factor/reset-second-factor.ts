/**
 * An admin takes away another staff member's second factor (a lost phone, a lost key), so that
 * they set up a new one at their next sign-in. The admin proves it is them first, with their own
 * second factor, fresh: a code typed now (counted against the sign-in limits like any other).
 * Every session of the person ends; the reset is audited with both names.
 */
import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { endSessions } from "../session-access";
import { type CodeKind, verifySecondFactorCode } from "./verify-second-factor";

export async function resetSecondFactor(
  db: Db,
  {
    admin,
    targetUserId,
    kind,
    code,
    context,
  }: {
    admin: { id: string; email: string };
    targetUserId: string;
    kind: CodeKind;
    code: string;
    context: AuditContext;
  },
): Promise<{ email: string }> {
  if (targetUserId === admin.id)
    throw new AppError("FORBIDDEN", "You cannot reset your own second factor here: ask another admin.");
  const target = await db.user.findFirst({
    where: { id: targetUserId, role: { in: ["ADMIN", "ANALYST"] } },
    select: { id: true, email: true },
  });
  if (!target) throw new AppError("NOT_FOUND", "No such staff member.");
  await verifySecondFactorCode(db, { person: admin, kind, code, context, purpose: "reset" });
  await db.$transaction(async (tx) => {
    await tx.secondFactor.deleteMany({ where: { userId: target.id } });
    await tx.passkey.deleteMany({ where: { userId: target.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    await tx.webAuthnChallenge.deleteMany({ where: { userId: target.id } });
    await endSessions(tx, target.id);
    await recordAudit(tx, {
      actor: { id: admin.id, label: admin.email },
      action: "mfa.reset",
      target: { type: "User", id: target.id },
      context,
      data: { email: target.email },
    });
  });
  return { email: target.email };
}

export interface StaffSecondFactorRow {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "ANALYST";
  totp: boolean;
  passkeys: number;
}

/** Staff and the second factors they have, for the admin's reset form. */
export async function listStaffSecondFactors(db: Db): Promise<StaffSecondFactorRow[]> {
  const users = await db.user.findMany({
    where: { role: { in: ["ADMIN", "ANALYST"] }, active: true },
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      secondFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as "ADMIN" | "ANALYST",
    totp: user.secondFactor?.confirmedAt != null,
    passkeys: user._count.passkeys,
  }));
}

/** The person's own passkeys, for their account page. */
export async function listOwnPasskeys(db: Db, userId: string) {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}
