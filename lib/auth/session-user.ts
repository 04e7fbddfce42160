import type { Db } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";
import type { SecondFactorState } from "./second-factor/session-proof";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** Organisations an institution user belongs to (empty for CSIRT staff, who see all). */
  organisationIds: string[];
}

/**
 * The user a session stands for, read again on every request: none when the account is
 * deactivated, the session predates a sign-out or an end of access (session version), or an
 * institution user has no active organisation left.
 */
export async function userForSession(
  db: Db,
  { userId, sessionVersion }: { userId: string; sessionVersion: number | undefined },
): Promise<CurrentUser | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      sessionVersion: true,
      memberships: { where: { organisation: { active: true } }, select: { organisationId: true } },
    },
  });
  if (!user?.active || user.sessionVersion !== sessionVersion) return null;
  if (user.role === "INSTITUTION" && user.memberships.length === 0) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationIds: user.memberships.map((membership) => membership.organisationId),
  };
}

/**
 * Whether a staff session still owes its second factor: it was asked for at sign-in and not yet
 * given, or the person is an admin (always required) on a session that never gave one, e.g. one
 * from before the requirement or from before a promotion.
 */
export function secondFactorOutstanding(role: UserRole, state: SecondFactorState | undefined): boolean {
  if (role === "INSTITUTION" || state === "verified") return false;
  return state === "pending" || role === "ADMIN";
}
