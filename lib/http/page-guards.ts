/**
 * Guards for server components: the same checks as lib/auth/guards, answered the way a page
 * should — a redirect to sign in, or the 403 page.
 */
import { forbidden, redirect } from "next/navigation";
import { type CurrentUser, sessionState } from "@/lib/auth/guards";
import type { UserRole } from "@/lib/generated/prisma/enums";

export const SECOND_FACTOR_PATH = "/signin/second-factor";

/** Signed in, second factor given; a session still owing it goes to the second-factor page. */
export async function pageUser(returnTo: string): Promise<CurrentUser> {
  const state = await sessionState();
  if (state.kind === "second-factor") redirect(`${SECOND_FACTOR_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (state.kind !== "signed-in") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return state.user;
}

export async function pageUserWithRole(returnTo: string, ...roles: UserRole[]): Promise<CurrentUser> {
  const user = await pageUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

export async function pageStaff(returnTo: string): Promise<CurrentUser> {
  return pageUserWithRole(returnTo, "ADMIN", "ANALYST");
}
