import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import type { IncidentStatus, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { queueNotificationsInTx } from "@/lib/notify/queue-incident-notifications";
import { changeIncidentStatusInTx, type StatusActor } from "./change-incident-status";

export const MAX_REASON_LENGTH = 2_000;

/** The notice a status change shown to the institution sends its site contacts. */
export const STATUS_NOTICE: Partial<Record<IncidentStatus, NotificationPurpose>> = {
  RESOLVED: "RESOLVED",
  CLOSED: "CLOSED",
  REOPENED: "REOPENED",
};

/** A status change as staff ask for it. */
interface StatusChangeRequest {
  incidentId: string;
  to: IncidentStatus;
  reason?: string;
  visibleToInstitution?: boolean;
  actor: StatusActor;
  context?: AuditContext;
}

type StatusChangeResult = { from: IncidentStatus; to: IncidentStatus; reference: number; notified: number };

/**
 * An analyst's status change: the state machine's change (changeIncidentStatusInTx, which
 * refuses illegal transitions with its message) and the audit entry, in one transaction.
 */
export async function transitionIncident(db: Db, request: StatusChangeRequest): Promise<StatusChangeResult> {
  const why = request.reason?.trim() || undefined;
  if (why && why.length > MAX_REASON_LENGTH)
    throw new AppError("INVALID_INPUT", `A reason can be at most ${MAX_REASON_LENGTH} characters.`);
  return db.$transaction((tx) => transitionIncidentInTx(tx, { ...request, reason: why }));
}

/** The same change inside a caller's transaction (a bulk change writes a batch of incidents in one). */
export async function transitionIncidentInTx(
  tx: Tx,
  { incidentId, to, reason: why, visibleToInstitution = true, actor, context }: StatusChangeRequest,
): Promise<StatusChangeResult> {
  const change = await changeIncidentStatusInTx(tx, { incidentId, to, reason: why, visibleToInstitution, actor });
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { reference: true, organisationId: true },
  });
  await recordAudit(tx, {
    actor,
    action: "incident.status",
    target: { type: "Incident", id: incidentId },
    organisationId: incident.organisationId,
    context,
    data: { reference: incident.reference, from: change.from, to: change.to, reason: why ?? null },
  });
  // A change shown to the institution is also mailed to its contacts (through the outbox, in this transaction).
  const purpose = visibleToInstitution ? STATUS_NOTICE[change.to] : undefined;
  const told = purpose
    ? await queueNotificationsInTx(tx, {
        incidentId,
        purpose,
        actor,
        automatic: false,
        batch: `status:${randomUUID()}`,
      })
    : null;
  return { ...change, reference: incident.reference, notified: told ? told.queued + told.held : 0 };
}
