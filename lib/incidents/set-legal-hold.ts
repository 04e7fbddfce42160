import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { timelineActorFields } from "./timeline-actor";
import type { StatusActor } from "./change-incident-status";

export const LEGAL_HOLD_REASON_LIMITS = { min: 3, max: 500 } as const;

/**
 * Puts an incident under legal hold, or lifts it, with the reason (an internal timeline entry and
 * an audit entry). While held, the retention job leaves the incident, its evidence, its mail and
 * the files of its ingest runs alone. An anonymised incident cannot be held: nothing is left to keep.
 * The update is conditional on the current flag, so two analysts cannot both set it.
 */
export async function setLegalHold(
  db: Db,
  {
    incidentId,
    hold,
    reason,
    actor,
    context,
  }: { incidentId: string; hold: boolean; reason: string; actor: StatusActor; context?: AuditContext },
): Promise<{ reference: number; changed: boolean }> {
  const text = reason.trim();
  if (text.length < LEGAL_HOLD_REASON_LIMITS.min || text.length > LEGAL_HOLD_REASON_LIMITS.max) {
    throw new AppError(
      "INVALID_INPUT",
      `Give a reason of ${LEGAL_HOLD_REASON_LIMITS.min}–${LEGAL_HOLD_REASON_LIMITS.max} characters.`,
    );
  }
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, reference: true, organisationId: true, legalHold: true, anonymisedAt: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
    if (hold && incident.anonymisedAt) {
      throw new AppError("CONFLICT", "This incident was already anonymised: there is nothing left to hold.");
    }
    const changed = await tx.incident.updateMany({
      where: { id: incident.id, legalHold: !hold },
      data: hold
        ? { legalHold: true, legalHoldReason: text, legalHoldById: actor.id ?? null, legalHoldAt: new Date() }
        : { legalHold: false, legalHoldReason: null, legalHoldById: null, legalHoldAt: null },
    });
    if (changed.count === 0) return { reference: incident.reference, changed: false };
    await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        type: "LEGAL_HOLD",
        visibility: "INTERNAL",
        ...timelineActorFields(actor),
        message: hold ? `Legal hold set: ${text}` : `Legal hold lifted: ${text}`,
        data: { hold, reason: text },
      },
    });
    await recordAudit(tx, {
      actor,
      action: hold ? "incident.legal-hold.set" : "incident.legal-hold.clear",
      target: { type: "Incident", id: incident.id },
      organisationId: incident.organisationId,
      context,
      data: { reference: incident.reference, reason: text },
    });
    return { reference: incident.reference, changed: true };
  });
}
