/**
 * When a person's access ends, it ends at once: every session carries the user's session
 * version from sign-in, each request compares it with the row, and these functions move the
 * row on (sign-out, a removed membership, a contact deactivated or taken off).
 */
import type { Db, Tx } from "@/lib/db/client";

/** Every session issued so far for this user is refused on its next request. */
export async function endSessions(tx: Db | Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * The address stopped being an active contact of the organisation: the institution user behind it
 * loses that membership and every session (a sign-in by e-mail link then needs another organisation).
 */
export async function endContactAccess(
  tx: Db | Tx,
  { organisationId, email }: { organisationId: string; email: string },
): Promise<void> {
  const user = await tx.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, role: true },
  });
  if (user?.role !== "INSTITUTION") return;
  await tx.membership.deleteMany({ where: { userId: user.id, organisationId } });
  await endSessions(tx, user.id);
}

/** On an e-mail sign-in: membership of every active organisation that lists the address as an active contact. */
export async function grantContactMemberships(
  db: Db | Tx,
  { userId, email }: { userId: string; email: string },
): Promise<void> {
  const contacts = await db.contact.findMany({
    where: {
      email: { equals: email.trim().toLowerCase(), mode: "insensitive" },
      active: true,
      organisation: { active: true },
    },
    select: { organisationId: true },
  });
  if (contacts.length === 0) return;
  await db.membership.createMany({
    data: contacts.map(({ organisationId }) => ({ userId, organisationId })),
    skipDuplicates: true,
  });
}
