import type { IngestRun } from "@/lib/generated/prisma/client";

/** The public shape of a run: for the API, the CLI's --json and the ingest page. */
export function describeIngestRun(run: IngestRun) {
  const bytes = Number(run.bytes);
  return {
    id: run.id,
    source: run.source.toLowerCase().replace("_", "-"),
    file: run.fileName,
    sha256: run.sha256,
    format: run.format,
    status: run.status.toLowerCase(),
    duplicateOf: run.duplicateOfId,
    bytes,
    progress: bytes > 0 ? Math.min(1, Number(run.bytesProcessed) / bytes) : run.status === "SUCCEEDED" ? 1 : 0,
    lines: run.lines,
    flows: run.flows,
    rejected: run.rejectedLines,
    rejectedSamples: (run.rejectedSamples as Array<{ line: number; reason: string }> | null) ?? [],
    incidentsCreated: run.incidentsCreated,
    incidentsUpdated: run.incidentsUpdated,
    incidentsReopened: run.incidentsReopened,
    error: run.error,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
  };
}
