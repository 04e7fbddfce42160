import type { Db } from "@/lib/db/client";

/** Drops the raw bytes of incoming mail past its retention (mail.rawRetentionDays, fixed when it arrived); the record stays. */
export async function pruneRawMail(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { count } = await db.inboundMail.updateMany({
    where: { rawExpiresAt: { lt: now }, raw: { not: null } },
    data: { raw: null },
  });
  return count;
}
