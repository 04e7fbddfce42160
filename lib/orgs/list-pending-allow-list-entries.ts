import type { Db } from "@/lib/db/client";

/** Allow-list entries institutions asked for and no analyst has approved yet, oldest first. */
export async function listPendingAllowListEntries(db: Db) {
  return db.allowListEntry.findMany({
    where: { approvedAt: null },
    orderBy: { createdAt: "asc" },
    include: { organisation: { select: { name: true, slug: true } } },
  });
}
