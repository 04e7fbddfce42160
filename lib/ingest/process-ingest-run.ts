import type { Db } from "@/lib/db/client";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { recordDetectedActivity, type RecordedIncident } from "@/lib/incidents/record-detected-activity";
import { SshScanDetector } from "./detect";
import { loadDetectionContext } from "./load-detection-context";
import { NfdumpFailedError, NfdumpMissingError, openFlowFile, UnknownFormatError } from "./parsers";

export interface IngestOutcome {
  run: IngestRun;
  incidents: RecordedIncident[];
}

const PROGRESS_INTERVAL_MS = 500;
const FINISHED = ["SUCCEEDED", "FAILED", "DUPLICATE"] as const;

/** A run that cannot succeed by trying again (the file itself is the problem). */
export class IngestInputError extends Error {}

function asInputError(error: unknown): unknown {
  const fromInput =
    error instanceof UnknownFormatError || error instanceof NfdumpFailedError || error instanceof NfdumpMissingError;
  return fromInput ? new IngestInputError(error.message) : error;
}

/**
 * Reads a run's file, detects scanners and records incidents. Idempotent: nothing about
 * incidents is written until the whole file has been read, and then every incident change
 * commits in one transaction with the run's final figures. A worker killed half-way leaves
 * the run RUNNING with no incident changes; running it again starts the file from the top.
 */
export async function processIngestRun(db: Db, runId: string, options: { now?: () => number } = {}): Promise<IngestOutcome> {
  const now = options.now ?? Date.now;
  const existing = await db.ingestRun.findUnique({ where: { id: runId } });
  if (!existing) throw new Error(`ingest run ${runId} does not exist`);
  if ((FINISHED as readonly string[]).includes(existing.status)) return { run: existing, incidents: [] };
  if (!existing.storagePath) throw new IngestInputError("the run has no file to read");

  const startedAt = new Date(now());
  await db.ingestRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt, bytesProcessed: 0, lines: 0, flows: 0, rejectedLines: 0, error: null } });

  try {
    const context = await loadDetectionContext(db);
    const detector = new SshScanDetector({ index: context.index, settings: context.settings, allowList: context.allowList });
    let stream;
    try {
      stream = await openFlowFile(existing.storagePath, { watchedPorts: context.settings.ports });
    } catch (error) {
      throw asInputError(error);
    }
    await db.ingestRun.update({ where: { id: runId }, data: { format: stream.format } });

    let lastProgress = now();
    try {
      for await (const batch of stream.batches) {
        detector.push(batch);
        if (now() - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now();
          await db.ingestRun.update({
            where: { id: runId },
            data: { bytesProcessed: stream.stats.bytes, lines: stream.stats.lines, flows: stream.stats.flows, rejectedLines: stream.stats.rejected },
          });
        }
      }
    } catch (error) {
      throw asInputError(error);
    }
    const activities = detector.finish();
    const stats = stream.stats;

    return await db.$transaction(
      async (tx) => {
        // Two runs of the same content racing: the lock makes the second see the first's result.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${existing.sha256}, 0))`;
        const original = await tx.ingestRun.findFirst({ where: { sha256: existing.sha256, status: "SUCCEEDED", id: { not: runId } } });
        const finishedAt = new Date(now());
        const figures = {
          format: stream.format,
          bytesProcessed: stats.bytes,
          lines: stats.lines,
          flows: stats.flows,
          rejectedLines: stats.rejected,
          rejectedSamples: stats.rejectedSamples as never,
          finishedAt,
          durationMs: finishedAt.getTime() - startedAt.getTime(),
        };
        if (original) {
          const run = await tx.ingestRun.update({ where: { id: runId }, data: { ...figures, status: "DUPLICATE", duplicateOfId: original.id, storagePath: null } });
          return { run, incidents: [] };
        }
        const incidents: RecordedIncident[] = [];
        for (const activity of activities) {
          incidents.push(
            await recordDetectedActivity(tx, {
              activity,
              organisationName: context.organisationNames.get(activity.organisationId) ?? "an unknown organisation",
              ingestRunId: runId,
              fileName: existing.fileName,
              sampleSize: context.appSettings["incident.sampleSize"],
            }),
          );
        }
        const run = await tx.ingestRun.update({
          where: { id: runId },
          data: {
            ...figures,
            status: "SUCCEEDED",
            incidentsCreated: incidents.filter((incident) => incident.action === "created").length,
            incidentsUpdated: incidents.filter((incident) => incident.action === "updated").length,
            incidentsReopened: incidents.filter((incident) => incident.action === "reopened").length,
          },
        });
        return { run, incidents };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof IngestInputError) {
      const finishedAt = new Date(now());
      const run = await db.ingestRun.update({
        where: { id: runId },
        data: { status: "FAILED", error: error.message, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() },
      });
      return { run, incidents: [] };
    }
    throw error;
  }
}
