import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { ActivityKind as DbActivityKind, Severity } from "@/lib/generated/prisma/enums";
import type { FlowRecord } from "@/lib/ingest/flow";
import { flowsToCsv, formatLogSample, summarySentence, type DetectedActivity } from "@/lib/ingest/detect";
import { queueNotificationsInTx } from "@/lib/notify/queue-incident-notifications";
import { openKeyFor } from "./open-key";

export type IncidentAction = "created" | "updated" | "reopened";

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
}

interface StoredSample {
  head: FlowRecord[];
  tail: FlowRecord[];
  flows: number;
}

const KIND_TO_DB: Record<DetectedActivity["kind"], DbActivityKind> = { scan: "SCAN", "brute-force": "BRUTE_FORCE" };

function severityOf(activity: DetectedActivity): Severity {
  if (activity.kind === "brute-force" || activity.distinctTargets >= 10_000) return "HIGH";
  return "MEDIUM";
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function sampleText(sample: StoredSample): string {
  const omitted = Math.max(0, sample.flows - sample.head.length - sample.tail.length);
  return formatLogSample(sample.head, sample.tail, { omitted });
}

/** Keeps the incident's first K flows and moves the tail on to the newest K. */
function extendSample(previous: StoredSample | null, activity: DetectedActivity, sampleSize: number): StoredSample {
  const latest = [...activity.sampleHead, ...activity.sampleTail];
  if (!previous) return { head: activity.sampleHead, tail: activity.sampleTail, flows: activity.flows };
  const combined = [...previous.tail, ...latest];
  return { head: previous.head, tail: combined.slice(-sampleSize), flows: previous.flows + activity.flows };
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Raises, updates or reopens the SSH-scan incident for one detected source, with its
 * evidence and a timeline event. Runs inside the ingest run's transaction: all of a file's
 * incident changes commit together with the run, or none do.
 */
export async function recordDetectedActivity(
  tx: Tx,
  {
    activity,
    organisationName,
    ingestRunId,
    fileName,
    sampleSize,
  }: { activity: DetectedActivity; organisationName: string; ingestRunId: string; fileName: string; sampleSize: number },
): Promise<RecordedIncident> {
  const type = "SSH_SCAN" as const;
  const openKey = openKeyFor({ type, organisationId: activity.organisationId, sourceIp: activity.sourceIp });
  const firstSeen = new Date(activity.firstSeen);
  const lastSeen = new Date(activity.lastSeen);

  const [open] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Incident" WHERE "openKey" = ${openKey} FOR UPDATE`;
  const [closed] = open
    ? []
    : await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Incident"
        WHERE type = 'SSH_SCAN' AND "organisationId" = ${activity.organisationId}::uuid AND "sourceIp" = ${activity.sourceIp}::inet
          AND status IN ('RESOLVED', 'CLOSED') AND "mergedIntoId" IS NULL
        ORDER BY "lastSeen" DESC LIMIT 1 FOR UPDATE`;

  let action: IncidentAction;
  let incident: { id: string; reference: number; flowCount: number; distinctTargets: number; firstSeen: Date; lastSeen: Date };
  let previousSample: StoredSample | null = null;

  if (open) {
    action = "updated";
    const current = await tx.incident.findUniqueOrThrow({ where: { id: open.id } });
    const sampleEvidence = await tx.evidence.findFirst({ where: { incidentId: open.id, kind: "FLOW_SAMPLE" }, orderBy: { createdAt: "desc" } });
    previousSample = (sampleEvidence?.meta as unknown as StoredSample | null) ?? null;
    const flowCount = current.flowCount + activity.flows;
    const first = minDate(current.firstSeen, firstSeen);
    const last = maxDate(current.lastSeen, lastSeen);
    incident = await tx.incident.update({
      where: { id: open.id },
      data: {
        flowCount,
        // Targets of earlier files are not kept one by one: the larger count is a lower bound.
        distinctTargets: Math.max(current.distinctTargets, activity.distinctTargets),
        firstSeen: first,
        lastSeen: last,
        activityKind: current.activityKind === "BRUTE_FORCE" ? "BRUTE_FORCE" : KIND_TO_DB[activity.kind],
        summary: summarySentence({ organisationName, sourceIp: activity.sourceIp, port: activity.port, protocol: "tcp", flows: flowCount, firstSeen: first.getTime(), lastSeen: last.getTime() }),
      },
    });
  } else if (closed) {
    action = "reopened";
    const previous = await tx.incident.findUniqueOrThrow({ where: { id: closed.id } });
    incident = await tx.incident.update({
      where: { id: closed.id },
      data: {
        status: "REOPENED",
        openKey,
        round: { increment: 1 },
        resolvedAt: null,
        closedAt: null,
        flowCount: activity.flows,
        distinctTargets: activity.distinctTargets,
        firstSeen,
        lastSeen,
        activityKind: KIND_TO_DB[activity.kind],
        severity: severityOf(activity),
        summary: summarySentence({ organisationName, sourceIp: activity.sourceIp, port: activity.port, protocol: "tcp", flows: activity.flows, firstSeen: activity.firstSeen, lastSeen: activity.lastSeen }),
      },
    });
    await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        type: "RELAPSE",
        visibility: "INSTITUTION",
        actorLabel: "worker",
        message: `Scanning again after the incident was ${previous.status === "CLOSED" ? "closed" : "resolved"}: ${activity.flows} flows to ${activity.distinctTargets} destinations on ${activity.port}/tcp (${fileName}).`,
        data: { previousStatus: previous.status, previousFlows: previous.flowCount, previousLastSeen: previous.lastSeen.toISOString(), ingestRunId },
      },
    });
  } else {
    action = "created";
    incident = await tx.incident.create({
      data: {
        type,
        status: "NEW",
        severity: severityOf(activity),
        organisationId: activity.organisationId,
        addressBlockId: activity.blockId,
        sourceIp: activity.sourceIp,
        port: activity.port,
        protocol: "tcp",
        activityKind: KIND_TO_DB[activity.kind],
        firstSeen,
        lastSeen,
        flowCount: activity.flows,
        distinctTargets: activity.distinctTargets,
        openKey,
        summary: summarySentence({ organisationName, sourceIp: activity.sourceIp, port: activity.port, protocol: "tcp", flows: activity.flows, firstSeen: activity.firstSeen, lastSeen: activity.lastSeen }),
      },
    });
  }

  const sample = extendSample(action === "updated" ? previousSample : null, activity, sampleSize);
  const sampleContent = Buffer.from(sampleText(sample));
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
  const flowsCsv = Buffer.from(flowsToCsv(activity.evidence));
  await tx.evidence.create({
    data: {
      incidentId: incident.id,
      kind: "FLOW_LIST",
      title: activity.evidenceTruncated
        ? `Flows from ${activity.sourceIp} in ${fileName}: first ${activity.evidence.length} of ${activity.flows} (capped)`
        : `Flows from ${activity.sourceIp} in ${fileName}: all ${activity.flows}`,
      fileName: `csirt-${incident.reference}-flows-${ingestRunId.slice(0, 8)}.csv`,
      contentType: "text/csv; charset=utf-8",
      content: flowsCsv,
      sha256: sha256(flowsCsv),
      truncated: activity.evidenceTruncated,
      meta: { flows: activity.flows, kept: activity.evidence.length, fileName },
      ingestRunId,
    },
  });

  if (action !== "reopened") {
    await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        type: action === "created" ? "CREATED" : "UPDATED_BY_INGEST",
        visibility: "INSTITUTION",
        actorLabel: "worker",
        message:
          action === "created"
            ? `Raised from ${fileName}: ${activity.flows} flows to ${activity.distinctTargets} destinations on ${activity.port}/tcp (${activity.kind}).`
            : `Seen again in ${fileName}: ${activity.flows} more flows to ${activity.distinctTargets} destinations, last at ${lastSeen.toISOString()}.`,
        data: { ingestRunId, flows: activity.flows, distinctTargets: activity.distinctTargets, kind: activity.kind, firstSeen: firstSeen.toISOString(), lastSeen: lastSeen.toISOString() },
      },
    });
  }

  // The decision to tell the member commits with the incident change (outbox).
  if (action === "created") await queueNotificationsInTx(tx, { incidentId: incident.id, purpose: "FIRST_NOTICE", actor: { label: "worker" }, automatic: true });
  if (action === "reopened") await queueNotificationsInTx(tx, { incidentId: incident.id, purpose: "UPDATE", actor: { label: "worker" }, automatic: true });

  return {
    incidentId: incident.id,
    reference: incident.reference,
    organisation: organisationName,
    sourceIp: activity.sourceIp,
    port: activity.port,
    flows: incident.flowCount,
    distinctTargets: incident.distinctTargets,
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
    kind: activity.kind,
    action,
  };
}
