/**
 * The one place that decides who may do what. Every page, server action and route handler
 * calls one of these. The session says who the caller is; the user row is read again on each
 * request (lib/auth/session-user.ts), so a deactivated account, a removed membership or a
 * sign-out elsewhere takes effect at once.
 */
import { cache } from "react";
import { auth } from "@/lib/auth/config";
import { db } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { userForSession, type CurrentUser } from "./session-user";

export type { CurrentUser };

export const STAFF_ROLES: readonly UserRole[] = ["ADMIN", "ANALYST"];

export function isStaff(user: Pick<CurrentUser, "role">): boolean {
  return STAFF_ROLES.includes(user.role);
}

export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return userForSession(db, { userId: id, sessionVersion: session.user.sessionVersion });
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

export async function requireRole(...roles: UserRole[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Your account cannot do this.");
  return user;
}

export async function requireStaff(): Promise<CurrentUser> {
  return requireRole(...STAFF_ROLES);
}

/** Staff may act on every organisation; institution users only on their own. */
export async function requireOrgAccess(organisationId: string): Promise<CurrentUser> {
  const user = await requireUser();
  if (!isStaff(user) && !user.organisationIds.includes(organisationId)) {
    // Same answer as for an organisation that does not exist: ids are not to be probed.
    throw new AppError("NOT_FOUND", "No such organisation.");
  }
  return user;
}

/** The `where` fragment that limits a query to what the user may see. */
export function organisationScope(user: CurrentUser): { organisationId?: { in: string[] } } {
  return isStaff(user) ? {} : { organisationId: { in: user.organisationIds } };
}
