import type { Db } from "@/lib/db/client";

/**
 * Suppressions (allow-list entries) asked for and not yet approved or refused, oldest first.
 * One whose end date passed while it waited is no longer asked for and is left out.
 */
export async function listPendingAllowListEntries(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const entries = await db.allowListEntry.findMany({
    where: { approvedAt: null, refusedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      organisationId: true,
      network: true,
      reason: true,
      expiresAt: true,
      createdAt: true,
      organisation: { select: { name: true, slug: true } },
      createdBy: { select: { email: true, role: true } },
    },
  });
  return entries;
}
