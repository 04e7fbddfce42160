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
import { secondFactorOutstanding, userForSession, type CurrentUser } from "./session-user";

export type { CurrentUser };

export const STAFF_ROLES: readonly UserRole[] = ["ADMIN", "ANALYST"];

export function isStaff(user: Pick<CurrentUser, "role">): boolean {
  return STAFF_ROLES.includes(user.role);
}

/**
 * Where the caller stands: not signed in; signed in with a password (or an IdP that checked no
 * second factor) and still owing the second factor, which reaches nothing but the second-factor
 * page and sign-out; or signed in.
 */
export type SessionState =
  | { kind: "anonymous" }
  | { kind: "second-factor"; user: CurrentUser; sessionId: string }
  | { kind: "signed-in"; user: CurrentUser };

export const sessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return { kind: "anonymous" };
  const user = await userForSession(db, { userId: id, sessionVersion: session.user.sessionVersion });
  if (!user) return { kind: "anonymous" };
  if (secondFactorOutstanding(user.role, session.user.secondFactor))
    return { kind: "second-factor", user, sessionId: session.user.sessionId ?? "" };
  return { kind: "signed-in", user };
});

/** Only a fully signed-in caller: a session still owing its second factor is nobody here. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const state = await sessionState();
  return state.kind === "signed-in" ? state.user : null;
});

export async function requireUser(): Promise<CurrentUser> {
  const state = await sessionState();
  if (state.kind === "second-factor")
    throw new AppError("UNAUTHENTICATED", "Finish signing in: confirm it is you with your second factor.");
  if (state.kind !== "signed-in") throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return state.user;
}

export async function requireRole(...roles: UserRole[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Your account cannot do this.");
  return user;
}
