import type { Tx } from "@/lib/db/client";
import type { SuppressionHit } from "@/lib/ingest/detect";

/**
 * Adds what one ingest run's detector held back to each suppression: one UPDATE per entry that
 * had hits, in the run's own transaction (a run that fails or is a duplicate adds nothing, a run
 * retried after a crash adds once). `lastHitAt` only moves forward, whatever order files arrive in.
 */
export async function recordSuppressionHits(tx: Tx, hits: readonly SuppressionHit[]): Promise<void> {
  const sorted = [...hits].sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  for (const hit of sorted) {
    if (hit.flows <= 0) continue;
    const last = new Date(hit.lastFlowStart);
    await tx.$executeRaw`
      UPDATE "AllowListEntry"
      SET "hitCount" = "hitCount" + ${hit.flows}, "lastHitAt" = GREATEST("lastHitAt", ${last})
      WHERE id = ${hit.entryId}::uuid`;
  }
}
