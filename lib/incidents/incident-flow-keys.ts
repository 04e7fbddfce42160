import type { Tx } from "@/lib/db/client";
import { KeyTable, keysFromBytes, keysToBytes } from "@/lib/ingest/detect";

export interface KnownFlows {
  /** Every flow the incident has counted, in any round. */
  flows: KeyTable;
  /** The destinations of the current round. */
  targets: KeyTable;
}

/** The keys an incident remembers, to count a flow delivered again only once. */
export async function loadKnownFlows(
  tx: Tx,
  { incidentId, round }: { incidentId: string; round: number },
): Promise<KnownFlows> {
  const rows = await tx.incidentFlowKeys.findMany({
    where: { incidentId },
    select: { round: true, flowKeys: true, targetKeys: true },
  });
  const known = noKnownFlows();
  for (const row of rows) {
    for (const key of keysFromBytes(row.flowKeys)) known.flows.add(key);
    if (row.round === round) for (const key of keysFromBytes(row.targetKeys)) known.targets.add(key);
  }
  return known;
}

/** What a new incident knows: nothing yet. */
export function noKnownFlows(): KnownFlows {
  return { flows: new KeyTable(), targets: new KeyTable() };
}

export async function rememberFlows(
  tx: Tx,
  {
    incidentId,
    round,
    ingestRunId,
    flowKeys,
    targetKeys,
  }: { incidentId: string; round: number; ingestRunId: string; flowKeys: number[]; targetKeys: number[] },
): Promise<void> {
  await tx.incidentFlowKeys.create({
    data: {
      incidentId,
      round,
      ingestRunId,
      flows: flowKeys.length,
      flowKeys: keysToBytes(flowKeys),
      targetKeys: keysToBytes(targetKeys),
    },
  });
}
