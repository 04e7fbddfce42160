import type { Db } from "@/lib/db/client";

export interface WaitingWork {
  /** Incidents an institution acted on since an analyst last opened them. */
  needsAttention: number;
  /** Requests from institutions not yet decided: contact changes and suppressions (not yet ended). */
  pendingRequests: number;
  /** Notices held for an analyst's approval. */
  heldNotices: number;
  /** Inbound mail no incident could be found for, waiting to be attached or discarded. */
  unmatchedMail: number;
}

/**
 * What is waiting for the CSIRT, for the navigation's counts on every staff page: four counts
 * in one round trip, each answered from an index whose matching rows are few
 * ("needsAttention", "lastSeen"), (status, "createdAt") and (state, "nextAttemptAt"); suppressions are
 * few per organisation (the table is small) and are counted from the "expiresAt" index.
 */
export async function countWaitingWork(db: Db): Promise<WaitingWork> {
  const [row] = await db.$queryRaw<
    Array<{ needsAttention: number; pendingRequests: number; heldNotices: number; unmatchedMail: number }>
  >`
    SELECT (SELECT count(*)::int FROM "Incident" WHERE "needsAttention") AS "needsAttention",
           (SELECT count(*)::int FROM "ContactChangeRequest" WHERE status = 'PENDING')
             + (SELECT count(*)::int FROM "AllowListEntry"
                WHERE "approvedAt" IS NULL AND "refusedAt" IS NULL AND "expiresAt" > now()) AS "pendingRequests",
           (SELECT count(*)::int FROM "Notification" WHERE state = 'HELD') AS "heldNotices",
           (SELECT count(*)::int FROM "InboundMail" WHERE state = 'UNMATCHED') AS "unmatchedMail"`;
  return {
    needsAttention: Number(row?.needsAttention ?? 0),
    pendingRequests: Number(row?.pendingRequests ?? 0),
    heldNotices: Number(row?.heldNotices ?? 0),
    unmatchedMail: Number(row?.unmatchedMail ?? 0),
  };
}
