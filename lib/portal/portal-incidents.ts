import { effectiveTlp } from "@/lib/tlp/tlp";
import { getSettings } from "@/lib/settings/get-settings";
import { checkSuppression } from "@/lib/suppressions/check-suppression";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, TimelineEventType } from "@/lib/generated/prisma/enums";
import { csirtIdentity } from "@/lib/notify/csirt-identity";
import { readableSummary, readableTimesIn } from "@/lib/incidents/readable-summary";
import { changeIncidentStatus } from "@/lib/incidents/change-incident-status";
import { canTransition } from "@/lib/incidents/status-machine";
import { checklistState } from "./checklist-state";
import { callerActor, callerLabel, incidentScope, type PortalCaller } from "./portal-caller";
import type { CheckedAttachment } from "./response-attachments";
import { rootCauseLabel, RESPONSE_STEPS, type ResponseStepKey, type RootCauseKey } from "./response-options";

/** One incident as the institution sees it: its own data, and only timeline entries shared with it. */
export async function getPortalIncident(db: Db, caller: PortalCaller, reference: number) {
  const incident = await db.incident.findFirst({
    where: { AND: [incidentScope(caller), { reference }] },
    include: {
      organisation: { select: { id: true, name: true, timeZone: true } },
      evidence: {
        select: {
          id: true,
          kind: true,
          title: true,
          fileName: true,
          contentType: true,
          sha256: true,
          createdAt: true,
          tlp: true,
        },
        orderBy: { createdAt: "asc" },
      },
      timeline: {
        where: { visibility: "INSTITUTION" },
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, actorKind: true, actorLabel: true, message: true, createdAt: true, data: true },
      },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
  const sample = await db.evidence.findFirst({
    where: { incidentId: incident.id, kind: "FLOW_SAMPLE" },
    orderBy: { createdAt: "desc" },
    select: { content: true },
  });
  const { timeline, summary, ...rest } = incident;
  // Institutions read times in their organisation's own time zone.
  const timeZone = incident.organisation.timeZone;
  return {
    ...rest,
    timeZone,
    summary: readableSummary(summary, timeZone),
    checklist: checklistState(timeline.filter((event) => event.type === "INSTITUTION_RESPONSE")),
    timeline: timeline.map((event) => ({
      id: event.id,
      type: event.type,
      createdAt: event.createdAt,
      actor: shownActor(event),
      message: readableTimesIn(event.message, timeZone),
    })),
    sampleText: sample ? Buffer.from(sample.content).toString("utf8") : null,
  };
}

/**
 * Who acted, as the institution is told: its own people by address; the CSIRT's staff and mail
 * by the CSIRT's name; the worker as "Our monitoring" (never "worker", an internal name).
 */
function shownActor(event: { type: TimelineEventType; actorKind: ActorKind; actorLabel: string }): string {
  if (event.actorKind === "INSTITUTION") return event.actorLabel;
  if (event.actorKind === "STAFF" || event.type.startsWith("NOTIFICATION_")) return csirtIdentity().name;
  return "Our monitoring";
}

/** The one incident a response link is for. */
export async function getLinkedIncident(db: Db, caller: Extract<PortalCaller, { kind: "link" }>) {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: caller.incidentId },
    select: { reference: true },
  });
  return getPortalIncident(db, caller, incident.reference);
}

export async function listPortalIncidents(db: Db, caller: PortalCaller) {
  const incidents = await db.incident.findMany({
    where: incidentScope(caller),
    orderBy: [{ lastSeen: "desc" }],
    take: 200,
    select: {
      id: true,
      reference: true,
      status: true,
      sourceIp: true,
      summary: true,
      lastSeen: true,
      organisation: { select: { name: true, timeZone: true } },
    },
  });
  const readable = incidents.map((incident) => ({
    ...incident,
    summary: readableSummary(incident.summary, incident.organisation.timeZone),
  }));
  const open = readable.filter((incident) => incident.status !== "RESOLVED" && incident.status !== "CLOSED");
  return [...open, ...readable.filter((incident) => !open.includes(incident))];
}

/** A file of an incident the caller may see; `reference` may be left out for a link caller (the link names its incident). */
export async function getPortalEvidence(
  db: Db,
  caller: PortalCaller,
  { reference, evidenceId }: { reference?: number; evidenceId: string },
) {
  const incident = reference === undefined ? incidentScope(caller) : { AND: [incidentScope(caller), { reference }] };
  const evidence = await db.evidence.findFirst({
    where: { id: evidenceId, incident },
    include: { incident: { select: { tlp: true } } },
  });
  if (!evidence) throw new AppError("NOT_FOUND", "No such file.");
  const { incident: owner, ...file } = evidence;
  return { ...file, tlp: effectiveTlp(owner.tlp, file.tlp) };
}

/** A timeline entry written by the institution, shown to both sides. */
function institutionResponseEvent(
  caller: PortalCaller,
  incidentId: string,
  { message, data }: { message: string; data: Prisma.InputJsonObject },
) {
  return {
    incidentId,
    type: "INSTITUTION_RESPONSE",
    visibility: "INSTITUTION",
    actorId: callerActor(caller).id,
    actorLabel: callerLabel(caller),
    actorKind: "INSTITUTION",
    message,
    data,
  } as const;
}

async function scopedIncidentId(
  db: Db,
  caller: PortalCaller,
  reference: number,
): Promise<{ id: string; status: string; organisationId: string }> {
  const incident = await db.incident.findFirst({
    where: { AND: [incidentScope(caller), { reference }] },
    select: { id: true, status: true, organisationId: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
  return incident;
}

export async function acknowledgeIncident(
  db: Db,
  { caller, reference, context }: { caller: PortalCaller; reference: number; context?: AuditContext },
): Promise<{ alreadyAcknowledged: boolean }> {
  const incident = await scopedIncidentId(db, caller, reference);
  if (incident.status === "ACKNOWLEDGED") return { alreadyAcknowledged: true };
  if (!canTransition(incident.status as never, "ACKNOWLEDGED"))
    throw new AppError("ILLEGAL_TRANSITION", "This incident is already resolved or closed.");
  await changeIncidentStatus(db, {
    incidentId: incident.id,
    to: "ACKNOWLEDGED",
    actor: callerActor(caller),
    reason: `acknowledged by ${callerLabel(caller)}`,
  });
  await recordAudit(db, {
    actor: callerActor(caller),
    action: "portal.acknowledge",
    target: { type: "Incident", id: incident.id },
    organisationId: incident.organisationId,
    context,
  });
  return { alreadyAcknowledged: false };
}

export async function respondToIncident(
  db: Db,
  {
    caller,
    reference,
    steps,
    text,
    attachments,
    context,
  }: {
    caller: PortalCaller;
    reference: number;
    steps: ResponseStepKey[];
    text: string;
    attachments: CheckedAttachment[];
    context?: AuditContext;
  },
): Promise<void> {
  const incident = await scopedIncidentId(db, caller, reference);
  // The form shows earlier ticks ticked again; only steps not ticked before are news.
  const earlier = checklistState(
    await db.timelineEvent.findMany({
      where: { incidentId: incident.id, type: "INSTITUTION_RESPONSE" },
      select: { actorLabel: true, createdAt: true, data: true },
    }),
  );
  const done = RESPONSE_STEPS.filter((step) => steps.includes(step.key));
  const newlyDone = done.filter((step) => !earlier[step.key]);
  if (!text.trim() && newlyDone.length === 0 && attachments.length === 0) {
    throw new AppError(
      "INVALID_INPUT",
      done.length
        ? "Those steps were ticked before. Tick another step, write something or attach a file."
        : "Tick a step, write something or attach a file.",
    );
  }
  await db.$transaction(async (tx) => {
    for (const attachment of attachments) {
      await tx.evidence.create({
        data: {
          incidentId: incident.id,
          kind: "FILE",
          title: `From ${callerLabel(caller)}: ${attachment.fileName}`,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          content: new Uint8Array(attachment.content),
          sha256: attachment.sha256,
        },
      });
    }
    await tx.timelineEvent.create({
      data: institutionResponseEvent(caller, incident.id, {
        message: [
          newlyDone.length ? `Done:\n${newlyDone.map((step) => `- ${step.label}`).join("\n")}` : "",
          text.trim(),
          attachments.length ? `Attached: ${attachments.map((item) => item.fileName).join(", ")}.` : "",
        ]
          .filter(Boolean)
          .join("\n"),
        data: {
          steps: done.map((step) => step.key),
          text: text.trim(),
          attachments: attachments.map((item) => ({ fileName: item.fileName, sha256: item.sha256 })),
        },
      }),
    });
  });
  await recordAudit(db, {
    actor: callerActor(caller),
    action: "portal.respond",
    target: { type: "Incident", id: incident.id },
    organisationId: incident.organisationId,
    context,
    data: { steps: done.length, attachments: attachments.length },
  });
}

/** Only signed-in institution users resolve (an e-mail link alone does not). A note is required. */
export async function resolveIncidentByInstitution(
  db: Db,
  {
    caller,
    reference,
    rootCause,
    note,
    allowListUntil,
    context,
  }: {
    caller: PortalCaller;
    reference: number;
    rootCause: RootCauseKey;
    note: string;
    allowListUntil?: Date | null;
    context?: AuditContext;
  },
): Promise<void> {
  if (caller.kind !== "user")
    throw new AppError("FORBIDDEN", "Sign in with your e-mail address to resolve an incident.");
  if (!note.trim()) throw new AppError("INVALID_INPUT", "Say what you found and what you did: resolving needs a note.");
  const incident = await db.incident.findFirst({
    where: { AND: [incidentScope(caller), { reference }] },
    select: { id: true, organisationId: true, sourceIp: true, status: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
  if (allowListUntil && rootCause !== "authorised-activity")
    throw new AppError("INVALID_INPUT", "Only authorised activity can be suppressed.");
  const suppression = allowListUntil
    ? {
        organisationId: incident.organisationId,
        organisationName: (
          await db.organisation.findUniqueOrThrow({ where: { id: incident.organisationId }, select: { name: true } })
        ).name,
        network: incident.sourceIp,
        reason: `Authorised activity (incident #${reference}): ${note.trim().slice(0, 300)}`,
        expiresAt: allowListUntil,
        maxDays: (await getSettings(db))["suppression.maxDays"],
        now: new Date(),
      }
    : null;
  // The suppression's rules (period, duplicates) are checked before anything changes.
  if (suppression) await db.$transaction((tx) => checkSuppression(tx, suppression));
  const label = rootCauseLabel(rootCause)!;
  await changeIncidentStatus(db, {
    incidentId: incident.id,
    to: "RESOLVED",
    actor: callerActor(caller),
    reason: `resolved by institution: ${label}`,
  });
  await db.$transaction(async (tx) => {
    await tx.incident.update({
      where: { id: incident.id },
      data: { rootCause, resolutionNote: note.trim(), resolvedBy: `institution: ${callerLabel(caller)}` },
    });
    await tx.timelineEvent.create({
      data: institutionResponseEvent(caller, incident.id, {
        message: `Resolved by institution. Root cause: ${label}.\n${note.trim()}`,
        data: { resolution: true, rootCause, note: note.trim() },
      }),
    });
    if (suppression) {
      const checked = await checkSuppression(tx, suppression);
      await tx.allowListEntry.create({
        data: {
          organisationId: incident.organisationId,
          network: checked.network,
          reason: checked.reason,
          expiresAt: suppression.expiresAt,
          createdById: callerActor(caller).id,
        },
      });
    }
  });
  await recordAudit(db, {
    actor: callerActor(caller),
    action: "portal.resolve",
    target: { type: "Incident", id: incident.id },
    organisationId: incident.organisationId,
    context,
    data: { rootCause, allowListRequested: Boolean(allowListUntil) },
  });
}
