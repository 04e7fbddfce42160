import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { ActivityKind as DbActivityKind, Severity, Tlp } from "@/lib/generated/prisma/enums";
import type { FlowRecord } from "@/lib/ingest/flow";
import {
  activityKind,
  flowsToCsv,
  formatLogSample,
  summarySentence,
  type DetectedActivity,
  type FlowKeyer,
  type LedgerSummary,
} from "@/lib/ingest/detect";
import { queueDigestUpdateInTx, queueNotificationsInTx } from "@/lib/notify/queue-incident-notifications";
import { type KnownFlows, loadKnownFlows, noKnownFlows, rememberFlows } from "./incident-flow-keys";
import { openKeyFor } from "./open-key";

/** "unchanged": every flow of the activity had been counted before (delivered again). */
export type IncidentAction = "created" | "updated" | "reopened" | "unchanged";

export interface RecordedIncident {
  incidentId: string;
  reference: number;
  organisation: string;
  sourceIp: string;
  port: number;
  flows: number;
  distinctTargets: number;
  firstSeen: Date;
  lastSeen: Date;
  kind: "scan" | "brute-force";
  action: IncidentAction;
  /** The activity's flows this incident had already counted. */
  repeatedFlows: number;
}

export interface RecordActivityInput {
  activity: DetectedActivity;
  organisationName: string;
  ingestRunId: string;
  fileName: string;
  sampleSize: number;
  minDistinctTargets: number;
  keyer: FlowKeyer;
  /** The TLP a new incident gets (setting tlp.defaultSshScan); an open one keeps its own. */
  tlp: Tlp;
}

interface StoredSample {
  head: FlowRecord[];
  tail: FlowRecord[];
  flows: number;
}

/** The activity reduced to the flows the incident has not counted yet. */
interface FreshActivity {
  figures: LedgerSummary;
  kind: DetectedActivity["kind"];
  head: FlowRecord[];
  tail: FlowRecord[];
  evidence: FlowRecord[];
}

interface IncidentRow {
  id: string;
  reference: number;
  round: number;
  status: string;
  flowCount: number;
  distinctTargets: number;
  firstSeen: Date;
  lastSeen: Date;
  activityKind: DbActivityKind | null;
}

const KIND_TO_DB: Record<DetectedActivity["kind"], DbActivityKind> = { scan: "SCAN", "brute-force": "BRUTE_FORCE" };
const TYPE = "SSH_SCAN" as const;
const ACTOR = "worker";

function severityOf(kind: DetectedActivity["kind"], distinctTargets: number): Severity {
  return kind === "brute-force" || distinctTargets >= 10_000 ? "HIGH" : "MEDIUM";
}

/** "2027-01-09 02:02:47": how an evidence title shows a time to people. */
function readableUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function freshPart(activity: DetectedActivity, known: KnownFlows, input: RecordActivityInput): FreshActivity {
  const figures = activity.ledger.summarise(known.flows, known.targets);
  const isNew = (flow: FlowRecord) => !input.keyer.isKnown(flow, known.flows);
  const [probeFlows, sessionFlows] = figures.shapes;
  const kind = activityKind(
    { probeFlows, sessionFlows, distinctTargets: figures.targetsThisRun },
    activity.reason,
    input.minDistinctTargets,
  );
  return {
    figures,
    kind,
    head: activity.sampleHead.filter(isNew),
    tail: activity.sampleTail.filter(isNew),
    evidence: activity.evidence.filter(isNew),
  };
}

function summaryOf(input: RecordActivityInput, flows: number, firstSeen: Date, lastSeen: Date): string {
  const { activity, organisationName } = input;
  return summarySentence({
    organisationName,
    sourceIp: activity.sourceIp,
    port: activity.port,
    protocol: "tcp",
    flows,
    firstSeen: firstSeen.getTime(),
    lastSeen: lastSeen.getTime(),
  });
}

async function lockIncidentFor(
  tx: Tx,
  activity: DetectedActivity,
): Promise<{ open: IncidentRow | null; closed: IncidentRow | null }> {
  const openKey = openKeyFor({ type: TYPE, organisationId: activity.organisationId, sourceIp: activity.sourceIp });
  const columns = `id, reference, round, status::text AS status, "flowCount", "distinctTargets", "firstSeen", "lastSeen", "activityKind"::text AS "activityKind"`;
  const [open] = await tx.$queryRawUnsafe<IncidentRow[]>(
    `SELECT ${columns} FROM "Incident" WHERE "openKey" = $1 FOR UPDATE`,
    openKey,
  );
  if (open) return { open, closed: null };
  const [closed] = await tx.$queryRawUnsafe<IncidentRow[]>(
    `SELECT ${columns} FROM "Incident"
     WHERE type = 'SSH_SCAN' AND "organisationId" = $1::uuid AND "sourceIp" = $2::inet
       AND status IN ('RESOLVED', 'CLOSED') AND "mergedIntoId" IS NULL
     ORDER BY "lastSeen" DESC LIMIT 1 FOR UPDATE`,
    activity.organisationId,
    activity.sourceIp,
  );
  return { open: null, closed: closed ?? null };
}

/**
 * Raises, updates or reopens the SSH-scan incident for one detected source, with its
 * evidence and a timeline event. Runs inside the ingest run's transaction: all of a file's
 * incident changes commit together with the run, or none do. Flows the incident already
 * counted (the same flow delivered again, by another file, format or exporter) add nothing:
 * figures, sample and evidence come from the new flows only.
 */
export async function recordDetectedActivity(tx: Tx, input: RecordActivityInput): Promise<RecordedIncident> {
  const { activity } = input;
  const { open, closed } = await lockIncidentFor(tx, activity);
  const existing = open ?? closed;
  const round = open ? open.round : closed ? closed.round + 1 : 0;
  const known: KnownFlows = existing ? await loadKnownFlows(tx, { incidentId: existing.id, round }) : noKnownFlows();
  const fresh = freshPart(activity, known, input);
  const repeatedFlows = activity.flows - fresh.figures.flows;

  let action: IncidentAction;
  let incident: IncidentRow;
  if (fresh.figures.flows === 0) {
    action = "unchanged";
    incident = existing!;
  } else if (open) {
    action = "updated";
    incident = await updateOpenIncident(tx, input, open, fresh);
  } else if (closed) {
    action = "reopened";
    incident = await reopenIncident(tx, input, closed, fresh);
  } else {
    action = "created";
    incident = await raiseIncident(tx, input, fresh);
  }

  if (action !== "unchanged") {
    await rememberFlows(tx, {
      incidentId: incident.id,
      round,
      ingestRunId: input.ingestRunId,
      flowKeys: fresh.figures.newKeys,
      targetKeys: fresh.figures.newTargets,
    });
    await storeEvidence(tx, input, incident, fresh, action === "updated");
  }
  // The decision to tell the member commits with the incident change (outbox).
  if (action === "created")
    await queueNotificationsInTx(tx, {
      incidentId: incident.id,
      purpose: "FIRST_NOTICE",
      actor: { label: ACTOR },
      automatic: true,
    });
  // An organisation that takes digests reads an open incident's growth in its next digest.
  if (action === "updated") await queueDigestUpdateInTx(tx, { incidentId: incident.id, actor: { label: ACTOR } });
  if (action === "reopened")
    await queueNotificationsInTx(tx, {
      incidentId: incident.id,
      purpose: "UPDATE",
      actor: { label: ACTOR },
      automatic: true,
    });

  return {
    incidentId: incident.id,
    reference: incident.reference,
    organisation: input.organisationName,
    sourceIp: activity.sourceIp,
    port: activity.port,
    flows: incident.flowCount,
    distinctTargets: incident.distinctTargets,
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
    kind: fresh.kind,
    action,
    repeatedFlows,
  };
}

const INCIDENT_SELECT = {
  id: true,
  reference: true,
  round: true,
  status: true,
  flowCount: true,
  distinctTargets: true,
  firstSeen: true,
  lastSeen: true,
  activityKind: true,
} as const;

function timelineData(input: RecordActivityInput, fresh: FreshActivity) {
  const { figures } = fresh;
  return {
    ingestRunId: input.ingestRunId,
    fileName: input.fileName,
    flows: figures.flows,
    distinctTargets: figures.targetsThisRun,
    newTargets: figures.newTargets.length,
    kind: fresh.kind,
    firstSeen: new Date(figures.firstSeen).toISOString(),
    lastSeen: new Date(figures.lastSeen).toISOString(),
  };
}

async function raiseIncident(tx: Tx, input: RecordActivityInput, fresh: FreshActivity): Promise<IncidentRow> {
  const { activity } = input;
  const { figures } = fresh;
  const firstSeen = new Date(figures.firstSeen);
  const lastSeen = new Date(figures.lastSeen);
  const incident = await tx.incident.create({
    data: {
      type: TYPE,
      status: "NEW",
      severity: severityOf(fresh.kind, figures.targetsThisRun),
      organisationId: activity.organisationId,
      addressBlockId: activity.blockId,
      sourceIp: activity.sourceIp,
      port: activity.port,
      protocol: "tcp",
      activityKind: KIND_TO_DB[fresh.kind],
      firstSeen,
      lastSeen,
      flowCount: figures.flows,
      distinctTargets: figures.targetsThisRun,
      openKey: openKeyFor({ type: TYPE, organisationId: activity.organisationId, sourceIp: activity.sourceIp }),
      summary: summaryOf(input, figures.flows, firstSeen, lastSeen),
      tlp: input.tlp,
    },
    select: INCIDENT_SELECT,
  });
  await tx.timelineEvent.create({
    data: {
      incidentId: incident.id,
      type: "CREATED",
      visibility: "INSTITUTION",
      actorLabel: ACTOR,
      actorKind: "SYSTEM",
      message: `Raised by our monitoring: ${figures.flows} flows to ${figures.targetsThisRun} destinations on ${activity.port}/tcp (${fresh.kind}).`,
      data: timelineData(input, fresh),
    },
  });
  return incident;
}

async function updateOpenIncident(
  tx: Tx,
  input: RecordActivityInput,
  current: IncidentRow,
  fresh: FreshActivity,
): Promise<IncidentRow> {
  const { figures } = fresh;
  const flowCount = current.flowCount + figures.flows;
  const firstSeen = new Date(Math.min(current.firstSeen.getTime(), figures.firstSeen));
  const lastSeen = new Date(Math.max(current.lastSeen.getTime(), figures.lastSeen));
  const incident = await tx.incident.update({
    where: { id: current.id },
    data: {
      flowCount,
      // Exact: the round's earlier destinations are remembered one by one (as keys).
      distinctTargets: current.distinctTargets + figures.newTargets.length,
      firstSeen,
      lastSeen,
      activityKind: current.activityKind === "BRUTE_FORCE" ? "BRUTE_FORCE" : KIND_TO_DB[fresh.kind],
      summary: summaryOf(input, flowCount, firstSeen, lastSeen),
    },
    select: INCIDENT_SELECT,
  });
  await tx.timelineEvent.create({
    data: {
      incidentId: incident.id,
      type: "UPDATED_BY_INGEST",
      visibility: "INSTITUTION",
      actorLabel: ACTOR,
      actorKind: "SYSTEM",
      message: `Seen again: ${figures.flows} more flows, ${figures.newTargets.length} more destinations, last at ${new Date(figures.lastSeen).toISOString()}.`,
      data: timelineData(input, fresh),
    },
  });
  return incident;
}

async function reopenIncident(
  tx: Tx,
  input: RecordActivityInput,
  previous: IncidentRow,
  fresh: FreshActivity,
): Promise<IncidentRow> {
  const { activity } = input;
  const { figures } = fresh;
  const firstSeen = new Date(figures.firstSeen);
  const lastSeen = new Date(figures.lastSeen);
  const incident = await tx.incident.update({
    where: { id: previous.id },
    data: {
      status: "REOPENED",
      openKey: openKeyFor({ type: TYPE, organisationId: activity.organisationId, sourceIp: activity.sourceIp }),
      round: { increment: 1 },
      resolvedAt: null,
      closedAt: null,
      flowCount: figures.flows,
      distinctTargets: figures.targetsThisRun,
      firstSeen,
      lastSeen,
      activityKind: KIND_TO_DB[fresh.kind],
      severity: severityOf(fresh.kind, figures.targetsThisRun),
      summary: summaryOf(input, figures.flows, firstSeen, lastSeen),
    },
    select: INCIDENT_SELECT,
  });
  await tx.timelineEvent.create({
    data: {
      incidentId: incident.id,
      type: "RELAPSE",
      visibility: "INSTITUTION",
      actorLabel: ACTOR,
      actorKind: "SYSTEM",
      message: `Scanning again after the incident was ${previous.status === "CLOSED" ? "closed" : "resolved"}: ${figures.flows} flows to ${figures.targetsThisRun} destinations on ${activity.port}/tcp.`,
      data: {
        ...timelineData(input, fresh),
        previousStatus: previous.status,
        previousFlows: previous.flowCount,
        previousLastSeen: previous.lastSeen.toISOString(),
      },
    },
  });
  return incident;
}

/** Keeps the incident's first K flows and moves the tail on to the newest K. */
function extendSample(previous: StoredSample | null, fresh: FreshActivity, sampleSize: number): StoredSample {
  if (!previous) return { head: fresh.head, tail: fresh.tail, flows: fresh.figures.flows };
  const combined = [...previous.tail, ...fresh.head, ...fresh.tail];
  return { head: previous.head, tail: combined.slice(-sampleSize), flows: previous.flows + fresh.figures.flows };
}

async function storeEvidence(
  tx: Tx,
  input: RecordActivityInput,
  incident: IncidentRow,
  fresh: FreshActivity,
  extending: boolean,
): Promise<void> {
  const { activity, ingestRunId, sampleSize } = input;
  const previousSample = extending
    ? await tx.evidence.findFirst({
        where: { incidentId: incident.id, kind: "FLOW_SAMPLE" },
        orderBy: { createdAt: "desc" },
      })
    : null;
  const sample = extendSample((previousSample?.meta as unknown as StoredSample | null) ?? null, fresh, sampleSize);
  const omitted = Math.max(0, sample.flows - sample.head.length - sample.tail.length);
  const sampleContent = Buffer.from(formatLogSample(sample.head, sample.tail, { omitted }));
  await tx.evidence.deleteMany({ where: { incidentId: incident.id, kind: "FLOW_SAMPLE" } });
  await tx.evidence.create({
    data: {
      incidentId: incident.id,
      kind: "FLOW_SAMPLE",
      title: `Log sample: first and last ${sampleSize} flows`,
      fileName: `csirt-${incident.reference}-log-sample.txt`,
      contentType: "text/plain; charset=utf-8",
      content: sampleContent,
      sha256: sha256(sampleContent),
      meta: sample as never,
      ingestRunId,
    },
  });
  const { figures, evidence } = fresh;
  const truncated = evidence.length < figures.flows;
  const flowsCsv = Buffer.from(flowsToCsv(evidence));
  const span = `${readableUtc(figures.firstSeen)} to ${readableUtc(figures.lastSeen)} UTC`;
  await tx.evidence.create({
    data: {
      incidentId: incident.id,
      kind: "FLOW_LIST",
      title: truncated
        ? `Flows from ${activity.sourceIp}, ${span}: first ${evidence.length} of ${figures.flows} (capped)`
        : `Flows from ${activity.sourceIp}, ${span}: all ${figures.flows}`,
      fileName: `csirt-${incident.reference}-flows-${ingestRunId.slice(0, 8)}.csv`,
      contentType: "text/csv; charset=utf-8",
      content: flowsCsv,
      sha256: sha256(flowsCsv),
      truncated,
      meta: { flows: figures.flows, kept: evidence.length, fileName: input.fileName },
      ingestRunId,
    },
  });
}
