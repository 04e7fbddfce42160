/**
 * Who the caller is. The session says who; the user row is read again on each request
 * (lib/auth/session-user.ts), so a deactivated account, a removed membership or a sign-out
 * elsewhere takes effect at once. Pages call these through lib/http/page-guards.ts; actions and
 * routes through their audience wrappers (lib/auth/audiences.ts).
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
