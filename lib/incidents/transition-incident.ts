import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { changeIncidentStatusInTx, type StatusActor } from "./change-incident-status";

export const MAX_REASON_LENGTH = 2_000;

/**
 * An analyst's status change: the state machine's change (changeIncidentStatusInTx, which
 * refuses illegal transitions with its message) and the audit entry, in one transaction.
 */
export async function transitionIncident(
  db: Db,
  { incidentId, to, reason, visibleToInstitution = true, actor, context }: {
    incidentId: string;
    to: IncidentStatus;
    reason?: string;
    visibleToInstitution?: boolean;
    actor: StatusActor;
    context?: AuditContext;
  },
): Promise<{ from: IncidentStatus; to: IncidentStatus; reference: number }> {
  const why = reason?.trim() || undefined;
  if (why && why.length > MAX_REASON_LENGTH) throw new AppError("INVALID_INPUT", `A reason can be at most ${MAX_REASON_LENGTH} characters.`);
  return db.$transaction(async (tx) => {
    const change = await changeIncidentStatusInTx(tx, { incidentId, to, reason: why, visibleToInstitution, actor });
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { reference: true, organisationId: true } });
    await recordAudit(tx, {
      actor,
      action: "incident.status",
      target: { type: "Incident", id: incidentId },
      organisationId: incident.organisationId,
      context,
      data: { reference: incident.reference, from: change.from, to: change.to, reason: why ?? null },
    });
    return { ...change, reference: incident.reference };
  });
}
