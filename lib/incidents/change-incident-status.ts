import { timelineActorFields, type TimelineActor } from "@/lib/incidents/timeline-actor";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { openKeyFor } from "./open-key";
import { assertTransition, isOpenStatus } from "./status-machine";
import { STATUS_LABEL } from "./status-labels";

export type StatusActor = TimelineActor;

/**
 * Moves an incident to a new status if the lifecycle allows it. The update is conditional on
 * the status read, so two people changing it at once cannot both succeed from the same state.
 */
export async function changeIncidentStatus(
  db: Db,
  options: ChangeIncidentStatusOptions,
): Promise<{ from: IncidentStatus; to: IncidentStatus }> {
  return db.$transaction((tx: Tx) => changeIncidentStatusInTx(tx, options));
}

export interface ChangeIncidentStatusOptions {
  incidentId: string;
  to: IncidentStatus;
  actor: StatusActor;
  reason?: string;
  visibleToInstitution?: boolean;
}

/**
 * The same change inside a caller's transaction, for operations that must change status
 * together with other rows (merging a duplicate closes it and links it in one commit).
 */
export async function changeIncidentStatusInTx(
  tx: Tx,
  { incidentId, to, actor, reason, visibleToInstitution = true }: ChangeIncidentStatusOptions,
): Promise<{ from: IncidentStatus; to: IncidentStatus }> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: { status: true, type: true, organisationId: true, sourceIp: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
  assertTransition(incident.status, to);
  const now = new Date();
  try {
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, status: incident.status },
      data: {
        status: to,
        openKey: isOpenStatus(to) ? openKeyFor(incident) : null,
        ...(to === "ACKNOWLEDGED" ? { acknowledgedAt: now } : {}),
        ...(to === "RESOLVED" ? { resolvedAt: now } : {}),
        ...(to === "CLOSED" ? { closedAt: now } : {}),
        ...(to === "REOPENED" ? { resolvedAt: null, closedAt: null } : {}),
      },
    });
    if (count === 0)
      throw new AppError("CONFLICT", "Someone else changed this incident a moment ago. Reload and try again.");
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "CONFLICT",
        "Another open incident already covers this source; merge into it instead of reopening this one.",
      );
    }
    throw error;
  }
  await tx.timelineEvent.create({
    data: {
      incidentId,
      type: "STATUS_CHANGED",
      visibility: visibleToInstitution ? "INSTITUTION" : "INTERNAL",
      ...timelineActorFields(actor),
      message: statusChangeMessage(incident.status, to, reason),
      data: { from: incident.status, to, reason: reason ?? null },
    },
  });
  return { from: incident.status, to };
}

/** The timeline's words for a status change: "New → Acknowledged: reason". */
export function statusChangeMessage(from: IncidentStatus, to: IncidentStatus, reason?: string): string {
  return `${STATUS_LABEL[from]} → ${STATUS_LABEL[to]}${reason ? `: ${reason}` : ""}`;
}
