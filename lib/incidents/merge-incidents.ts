import { timelineActorFields } from "@/lib/incidents/timeline-actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { changeIncidentStatusInTx, type StatusActor } from "./change-incident-status";

/**
 * Folds a duplicate into the incident people keep working on: the duplicate points at the
 * target, is closed through the state machine ("merged into #X") so its open key is freed,
 * and both timelines say so. All in one transaction, with both rows locked.
 */
export async function mergeIncidents(
  db: Db,
  {
    targetId,
    duplicateReference,
    actor,
    context,
  }: { targetId: string; duplicateReference: number; actor: StatusActor; context?: AuditContext },
): Promise<{ targetReference: number; duplicateReference: number; duplicateStatusWas: IncidentStatus }> {
  return db.$transaction(async (tx) => {
    const duplicateRow = await tx.incident.findUnique({
      where: { reference: duplicateReference },
      select: { id: true },
    });
    if (!duplicateRow) throw new AppError("NOT_FOUND", `There is no incident #${duplicateReference}.`);
    if (duplicateRow.id === targetId) throw new AppError("CONFLICT", "An incident cannot be merged into itself.");
    // Lock both in a fixed order, so two merges of the same pair cannot deadlock.
    await tx.$queryRaw`SELECT id FROM "Incident" WHERE id IN (${targetId}::uuid, ${duplicateRow.id}::uuid) ORDER BY id FOR UPDATE`;
    const select = {
      id: true,
      reference: true,
      status: true,
      organisationId: true,
      mergedIntoId: true,
      organisation: { select: { name: true } },
      mergedInto: { select: { reference: true } },
    } as const;
    const target = await tx.incident.findUnique({ where: { id: targetId }, select });
    if (!target) throw new AppError("NOT_FOUND", "No such incident.");
    const duplicate = await tx.incident.findUniqueOrThrow({ where: { id: duplicateRow.id }, select });

    if (duplicate.organisationId !== target.organisationId) {
      throw new AppError(
        "CONFLICT",
        `#${duplicate.reference} belongs to ${duplicate.organisation.name} and #${target.reference} to ${target.organisation.name}: only incidents of the same organisation can be merged.`,
      );
    }
    if (target.mergedIntoId) {
      throw new AppError(
        "CONFLICT",
        `#${target.reference} was itself merged into #${target.mergedInto?.reference}; merge into that incident instead.`,
      );
    }
    if (duplicate.mergedIntoId) {
      throw new AppError(
        "CONFLICT",
        `#${duplicate.reference} was already merged into #${duplicate.mergedInto?.reference}.`,
      );
    }

    const reason = `merged into #${target.reference}`;
    if (duplicate.status !== "CLOSED") {
      await changeIncidentStatusInTx(tx, { incidentId: duplicate.id, to: "CLOSED", reason, actor });
    }
    await tx.incident.update({ where: { id: duplicate.id }, data: { mergedIntoId: target.id, openKey: null } });
    // Incidents merged into the duplicate earlier now point at the surviving incident.
    const repointed = await tx.incident.updateMany({
      where: { mergedIntoId: duplicate.id },
      data: { mergedIntoId: target.id },
    });

    const event = { type: "MERGED" as const, visibility: "INSTITUTION" as const, ...timelineActorFields(actor) };
    await tx.timelineEvent.create({
      data: {
        ...event,
        incidentId: duplicate.id,
        message: `Merged into #${target.reference} as a duplicate.`,
        data: { into: target.id, intoReference: target.reference },
      },
    });
    await tx.timelineEvent.create({
      data: {
        ...event,
        incidentId: target.id,
        message: `#${duplicate.reference} merged into this incident as a duplicate.`,
        data: { from: duplicate.id, fromReference: duplicate.reference },
      },
    });
    await recordAudit(tx, {
      actor,
      action: "incident.merge",
      target: { type: "Incident", id: target.id },
      organisationId: target.organisationId,
      context,
      data: {
        into: target.reference,
        duplicate: duplicate.reference,
        duplicateStatusWas: duplicate.status,
        repointed: repointed.count,
      },
    });
    return {
      targetReference: target.reference,
      duplicateReference: duplicate.reference,
      duplicateStatusWas: duplicate.status,
    };
  });
}
