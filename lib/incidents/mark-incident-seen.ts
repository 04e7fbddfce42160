import type { Db } from "@/lib/db/client";

/**
 * An analyst opened the incident: record when, and clear "needs attention" (the institution's
 * latest action has now been seen). One conditional UPDATE by the unique reference; false when
 * there is no such incident, so the page's existence check costs nothing extra.
 *
 * Kept per incident rather than per analyst: the CSIRT works one shared queue, and an
 * institution's answer needs one analyst to read it, not each of them. A per-analyst record
 * would be a row per analyst and incident, and the tab would fill with answers colleagues
 * have already handled.
 */
export async function markIncidentSeen(
  db: Db,
  { reference, at = new Date() }: { reference: number; at?: Date },
): Promise<boolean> {
  // Raw, so that looking leaves "updatedAt" (when the incident itself changed) alone.
  const count =
    await db.$executeRaw`UPDATE "Incident" SET "analystSeenAt" = ${at}, "needsAttention" = false WHERE reference = ${reference}::int`;
  return count > 0;
}
