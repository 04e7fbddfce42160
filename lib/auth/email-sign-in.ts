import type { Db } from "@/lib/db/client";

/**
 * Who may sign in by e-mail link: institution users with at least one active organisation, and
 * active contacts of active organisations. CSIRT staff sign in with a password. A deactivated or
 * removed contact, or a user whose last membership was removed, is refused.
 */
export async function isEligibleForEmailSignIn(db: Db, email: string): Promise<boolean> {
  const address = email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email: address },
    select: {
      active: true,
      role: true,
      memberships: { where: { organisation: { active: true } }, select: { organisationId: true } },
    },
  });
  if (user && (!user.active || user.role !== "INSTITUTION")) return false;
  if (user && user.memberships.length > 0) return true;
  // No account yet, or one whose memberships ended: an active contact (again) may sign in.
  const contact = await db.contact.findFirst({
    where: { email: { equals: address, mode: "insensitive" }, active: true, organisation: { active: true } },
    select: { id: true },
  });
  return contact !== null;
}

/** The organisations an address is an active contact of: an institution user's memberships on first sign-in. */
export async function organisationsOfContact(db: Db, email: string): Promise<string[]> {
  const contacts = await db.contact.findMany({
    where: {
      email: { equals: email.trim().toLowerCase(), mode: "insensitive" },
      active: true,
      organisation: { active: true },
    },
    select: { organisationId: true },
  });
  return [...new Set(contacts.map((contact) => contact.organisationId))];
}
