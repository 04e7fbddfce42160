/**
 * Guards for server components: the same checks as lib/auth/guards, answered the way a page
 * should — a redirect to sign in, or the 403 page.
 */
import { forbidden, redirect } from "next/navigation";
import { currentUser, type CurrentUser } from "@/lib/auth/guards";
import type { UserRole } from "@/lib/generated/prisma/enums";

export async function pageUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function pageUserWithRole(returnTo: string, ...roles: UserRole[]): Promise<CurrentUser> {
  const user = await pageUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

export async function pageStaff(returnTo: string): Promise<CurrentUser> {
  return pageUserWithRole(returnTo, "ADMIN", "ANALYST");
}
