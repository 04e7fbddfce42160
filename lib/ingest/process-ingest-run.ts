import type { Db, Tx } from "@/lib/db/client";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { TLP_DEFAULT_SETTING } from "@/lib/tlp/tlp";
import { recordDetectedActivity, type RecordedIncident } from "@/lib/incidents/record-detected-activity";
import { type DetectedActivity, type DetectorState, FlowKeyer, SshScanDetector } from "./detect";
import { MAX_REJECTED_SAMPLES, type FlowRecord } from "./flow";
import { FlowTimeWindow } from "./flow-time-window";
import { type DetectionContext, loadDetectionContext } from "./load-detection-context";
import {
  DecompressedTooLargeError,
  type FlowStream,
  NfdumpFailedError,
  NfdumpMissingError,
  openFlowFile,
  UnknownFormatError,
} from "./parsers";
import { recordSuppressionHits } from "@/lib/suppressions/record-suppression-hits";
import { DEFAULT_STREAM } from "./streams/stream-name";
import { ensureStream } from "./streams/ensure-stream";
import { decodeStreamState, encodeStreamState } from "./streams/stream-state";

export interface IngestOutcome {
  run: IngestRun;
  incidents: RecordedIncident[];
}

const PROGRESS_INTERVAL_MS = 500;
const FINISHED = ["SUCCEEDED", "FAILED", "DUPLICATE"] as const;

/** A run that cannot succeed by trying again (the file itself is the problem). */
export class IngestInputError extends Error {}

/** The file's own problems (unknown format, too big decompressed, nfdump's reason, no nfdump) fail the run; anything else is retried. */
function asInputError(error: unknown): unknown {
  const fromInput =
    error instanceof UnknownFormatError ||
    error instanceof DecompressedTooLargeError ||
    error instanceof NfdumpFailedError ||
    error instanceof NfdumpMissingError;
  return fromInput ? new IngestInputError(error.message) : error;
}

/** Another run of the same stream saved its state while this one read its file: run this one again. */
export class StreamStateConflictError extends Error {}

interface StreamStart {
  streamId: string;
  version: number;
  clock: number | null;
  state: DetectorState | undefined;
  notes: string[];
}

async function loadStream(db: Db, run: IngestRun): Promise<StreamStart> {
  const streamId = run.streamId ?? (await ensureStream(db, DEFAULT_STREAM));
  const stream = await db.ingestStream.findUniqueOrThrow({ where: { id: streamId } });
  const decoded = decodeStreamState(stream.state);
  const notes = decoded.problem ? [decoded.problem] : [];
  if (stream.state === null && stream.stateVersion > 0)
    notes.push("The stream's saved detection state was missing; detection started fresh.");
  return {
    streamId,
    version: stream.stateVersion,
    clock: stream.clock?.getTime() ?? null,
    state: decoded.state,
    notes,
  };
}

/** Joins the stream's windows unless the file's first flows are older than the late tolerance allows. */
function startDetector(
  context: DetectionContext,
  stream: StreamStart,
  firstBatch: FlowRecord[],
  fileName: string,
): { detector: SshScanDetector; late: boolean } {
  const base = { index: context.index, settings: context.settings, allowList: context.allowList };
  const toleranceMs = context.appSettings["detection.lateToleranceMinutes"] * 60_000;
  const fileStart = firstBatch.length > 0 ? medianStart(firstBatch) : null;
  if (stream.state && stream.clock !== null && fileStart !== null && fileStart < stream.clock - toleranceMs) {
    const minutes = Math.round((stream.clock - fileStart) / 60_000);
    stream.notes.push(
      `${fileName} starts ${minutes} minutes before the newest flows of its stream (more than the ${toleranceMs / 60_000}-minute late tolerance): ` +
        "it was analysed on its own and did not join the stream's windows.",
    );
    return { detector: new SshScanDetector(base), late: true };
  }
  return { detector: new SshScanDetector({ ...base, state: stream.state }), late: false };
}

function medianStart(batch: FlowRecord[]): number {
  const starts = batch.map((flow) => flow.start).sort((a, b) => a - b);
  return starts[starts.length >>> 1]!;
}

/**
 * Reads a run's file, continues detection from where its stream left off, and records
 * incidents. Idempotent: nothing about incidents or the stream is written until the whole
 * file has been read, and then every incident change, the stream's new state and the run's
 * final figures commit in one transaction. A worker killed half-way leaves the run RUNNING
 * with nothing else changed; running it again starts the file from the top.
 */
export async function processIngestRun(
  db: Db,
  runId: string,
  options: { now?: () => number; signal?: AbortSignal } = {},
): Promise<IngestOutcome> {
  const now = options.now ?? Date.now;
  const existing = await db.ingestRun.findUnique({ where: { id: runId } });
  if (!existing) throw new Error(`ingest run ${runId} does not exist`);
  if ((FINISHED as readonly string[]).includes(existing.status)) return { run: existing, incidents: [] };
  if (!existing.storagePath) throw new IngestInputError("the run has no file to read");

  const startedAt = new Date(now());
  await db.ingestRun.update({
    where: { id: runId },
    data: {
      status: "RUNNING",
      startedAt,
      heartbeatAt: startedAt,
      bytesProcessed: 0,
      lines: 0,
      flows: 0,
      rejectedLines: 0,
      error: null,
    },
  });

  try {
    const context = await loadDetectionContext(db, startedAt);
    const stream = await loadStream(db, existing);
    let flowStream: FlowStream;
    try {
      flowStream = await openFlowFile(existing.storagePath, {
        watchedPorts: context.settings.ports,
        signal: options.signal,
        maxDecompressedBytes: context.appSettings["ingest.maxDecompressedMiB"] * 1024 ** 2,
      });
    } catch (error) {
      throw asInputError(error);
    }
    await db.ingestRun.update({ where: { id: runId }, data: { format: flowStream.format, streamId: stream.streamId } });

    const times = new FlowTimeWindow(
      startedAt.getTime(),
      {
        maxAgeDays: context.appSettings["ingest.maxFlowAgeDays"],
        maxFutureMinutes: context.appSettings["ingest.maxFlowFutureMinutes"],
      },
      MAX_REJECTED_SAMPLES,
    );
    let detection: { detector: SshScanDetector; late: boolean } | null = null;
    let lastProgress = now();
    try {
      for await (const batch of flowStream.batches) {
        const plausible = times.filter(batch);
        detection ??= plausible.length > 0 ? startDetector(context, stream, plausible, existing.fileName) : null;
        detection?.detector.push(plausible);
        if (now() - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now();
          const stats = flowStream.stats;
          await db.ingestRun.update({
            where: { id: runId },
            data: {
              heartbeatAt: new Date(lastProgress),
              bytesProcessed: stats.bytes,
              lines: stats.lines,
              flows: stats.flows,
              rejectedLines: stats.rejected + times.rejected,
            },
          });
        }
      }
    } catch (error) {
      throw asInputError(error);
    }
    detection ??= {
      detector: new SshScanDetector({
        index: context.index,
        settings: context.settings,
        allowList: context.allowList,
        state: stream.state,
      }),
      late: false,
    };
    const { detector, late } = detection;
    const activities = detector.finish();
    const stats = flowStream.stats;
    const rejectedSamples = [...stats.rejectedSamples, ...times.samples]
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_REJECTED_SAMPLES);

    return await db.$transaction(
      async (tx) => {
        // Two runs of the same content racing: the lock makes the second see the first's result.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${existing.sha256}, 0))`;
        const original = await tx.ingestRun.findFirst({
          where: { sha256: existing.sha256, status: "SUCCEEDED", id: { not: runId } },
        });
        const finishedAt = new Date(now());
        const figures = {
          format: flowStream.format,
          streamId: stream.streamId,
          bytesProcessed: stats.bytes,
          lines: stats.lines,
          flows: stats.flows,
          rejectedLines: stats.rejected + times.rejected,
          implausibleFlows: times.rejected,
          rejectedSamples: rejectedSamples as never,
          dataStart: Number.isFinite(times.earliestAccepted) ? new Date(times.earliestAccepted) : null,
          dataEnd: Number.isFinite(times.latestAccepted) ? new Date(times.latestAccepted) : null,
          late,
          notes: stream.notes.length > 0 ? stream.notes : undefined,
          finishedAt,
          durationMs: finishedAt.getTime() - startedAt.getTime(),
        };
        if (original) {
          const run = await tx.ingestRun.update({
            where: { id: runId },
            data: { ...figures, status: "DUPLICATE", duplicateOfId: original.id },
          });
          return { run, incidents: [] };
        }
        if (!late) await saveStreamState(tx, stream, detector, existing.fileName);
        const incidents = await recordActivities(tx, context, activities, existing);
        await recordSuppressionHits(tx, detector.suppressionHits());
        const run = await tx.ingestRun.update({
          where: { id: runId },
          data: {
            ...figures,
            status: "SUCCEEDED",
            repeatedFlows:
              detector.stats().repeatedFlows + incidents.reduce((sum, incident) => sum + incident.repeatedFlows, 0),
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
    if (error instanceof IngestInputError) return { run: await failIngestRun(db, runId, error, now), incidents: [] };
    throw error;
  }
}

/** Ends a run as FAILED with the reason; nothing it read is counted. */
export async function failIngestRun(
  db: Db,
  runId: string,
  error: unknown,
  now: () => number = Date.now,
): Promise<IngestRun> {
  const finishedAt = new Date(now());
  const run = await db.ingestRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } });
  const message = error instanceof Error ? error.message : String(error);
  return db.ingestRun.update({
    where: { id: runId },
    data: {
      status: "FAILED",
      error: message,
      finishedAt,
      durationMs: run.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : null,
    },
  });
}

/** Saves what detection carries to the stream's next file; refuses when another run saved first. */
async function saveStreamState(
  tx: Tx,
  stream: StreamStart,
  detector: SshScanDetector,
  fileName: string,
): Promise<void> {
  const clock = Number.isFinite(detector.inputClock) ? new Date(detector.inputClock) : null;
  const saved = await tx.ingestStream.updateMany({
    where: { id: stream.streamId, stateVersion: stream.version },
    data: {
      state: encodeStreamState(detector.exportState(fileName)),
      stateVersion: { increment: 1 },
      ...(clock ? { clock } : {}),
    },
  });
  if (saved.count !== 1)
    throw new StreamStateConflictError(`stream ${stream.streamId} moved on while this file was read`);
}

async function recordActivities(
  tx: Tx,
  context: DetectionContext,
  activities: DetectedActivity[],
  run: IngestRun,
): Promise<RecordedIncident[]> {
  const keyer = new FlowKeyer(context.appSettings["detection.repeatToleranceSeconds"] * 1000);
  // Runs of other streams may record the same sources at the same time (two exporters, one scan):
  // each source's lock, taken in one order, makes the second wait and then count only what is new.
  const sourceKeys = [
    ...new Set(activities.map((activity) => `${activity.organisationId}:${activity.sourceIp}`)),
  ].sort();
  for (const key of sourceKeys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 1))`;
  const incidents: RecordedIncident[] = [];
  for (const activity of activities) {
    incidents.push(
      await recordDetectedActivity(tx, {
        activity,
        organisationName: context.organisationNames.get(activity.organisationId) ?? "an unknown organisation",
        ingestRunId: run.id,
        fileName: run.fileName,
        sampleSize: context.appSettings["incident.sampleSize"],
        minDistinctTargets: context.appSettings["detection.minDistinctTargets"],
        keyer,
        tlp: context.appSettings[TLP_DEFAULT_SETTING.SSH_SCAN],
      }),
    );
  }
  return incidents;
}
