import type { Db } from "@/lib/db/client";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { flowsCounted, getStreamHealth, type StreamHealth } from "./streams/stream-health";

type RunWithStream = IngestRun & { stream?: { name: string } | null };

/** The public shape of a run: for the API, the CLI's --json and the ingest page. */
export function describeIngestRun(run: RunWithStream) {
  const bytes = Number(run.bytes);
  return {
    id: run.id,
    source: run.source.toLowerCase().replace("_", "-"),
    stream: run.stream?.name ?? null,
    file: run.fileName,
    sha256: run.sha256,
    format: run.format,
    status: run.status.toLowerCase(),
    duplicateOf: run.duplicateOfId,
    bytes,
    progress: bytes > 0 ? Math.min(1, Number(run.bytesProcessed) / bytes) : run.status === "SUCCEEDED" ? 1 : 0,
    lines: run.lines,
    flows: run.flows,
    /** Flows that counted: neither repeats of flows already counted nor implausibly dated. */
    flowsCounted: run.status === "SUCCEEDED" ? flowsCounted(run) : null,
    flowsRepeated: run.repeatedFlows,
    rejected: run.rejectedLines,
    rejectedSamples: (run.rejectedSamples as Array<{ line: number; reason: string }> | null) ?? [],
    dataStart: run.dataStart?.toISOString() ?? null,
    dataEnd: run.dataEnd?.toISOString() ?? null,
    late: run.late,
    notes: (run.notes as string[] | null) ?? [],
    incidentsCreated: run.incidentsCreated,
    incidentsUpdated: run.incidentsUpdated,
    incidentsReopened: run.incidentsReopened,
    error: run.error,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
    /** When the retention job deleted the stored file, and how many days after the run finished. */
    fileDeletedAt: run.fileDeletedAt?.toISOString() ?? null,
    fileKeptDays: run.fileDeletedAt
      ? Math.round((run.fileDeletedAt.getTime() - (run.finishedAt ?? run.createdAt).getTime()) / 86_400_000)
      : null,
  };
}

export type TIngestRunDescription = ReturnType<typeof describeIngestRun>;

/**
 * One run as described, with the health of its stream; null when there is no such run, or when
 * `apiTokenId` is given and that token did not send it (ownership in the query, not checked after).
 */
export async function getIngestRunReport(
  db: Db,
  runId: string,
  { apiTokenId }: { apiTokenId?: string } = {},
): Promise<(TIngestRunDescription & { streamHealth: StreamHealth | null }) | null> {
  const where = apiTokenId === undefined ? { id: runId } : { id: runId, apiTokenId };
  const run = await db.ingestRun.findFirst({ where, include: { stream: { select: { name: true } } } });
  if (!run) return null;
  const [streamHealth] = run.streamId ? await getStreamHealth(db, { streamIds: [run.streamId] }) : [];
  return { ...describeIngestRun(run), streamHealth: streamHealth ?? null };
}

/** The newest runs, newest first. */
export async function listRecentIngestRuns(
  db: Db,
  { take = 50 }: { take?: number } = {},
): Promise<TIngestRunDescription[]> {
  const runs = await db.ingestRun.findMany({
    orderBy: { createdAt: "desc" },
    take,
    include: { stream: { select: { name: true } } },
  });
  return runs.map(describeIngestRun);
}
