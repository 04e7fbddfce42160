import { timelineActorFields } from "@/lib/incidents/timeline-actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StatusActor } from "./change-incident-status";

/** Roles that may hold an incident: CSIRT staff (guards' STAFF_ROLES, without pulling in auth). */
const ASSIGNABLE_ROLES = ["ADMIN", "ANALYST"] as const;

/** The active staff an incident can be assigned to, by name. */
export async function listAssignableUsers(db: Db | Tx): Promise<Array<{ id: string; name: string; email: string }>> {
  return db.user.findMany({
    where: { active: true, role: { in: [...ASSIGNABLE_ROLES] } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

export async function findAssignableUser(db: Db | Tx, userId: string): Promise<{ id: string; name: string }> {
  const user = await db.user.findFirst({
    where: { id: userId, active: true, role: { in: [...ASSIGNABLE_ROLES] } },
    select: { id: true, name: true },
  });
  if (!user) throw new AppError("INVALID_INPUT", "Incidents can only be assigned to active CSIRT staff.");
  return user;
}

/**
 * Gives an incident to a staff member (or to nobody). Assigning to the current assignee
 * changes nothing and records nothing.
 */
export async function assignIncident(
  db: Db,
  {
    incidentId,
    assigneeId,
    actor,
    context,
  }: { incidentId: string; assigneeId: string | null; actor: StatusActor; context?: AuditContext },
): Promise<{ changed: boolean; reference: number; assigneeName: string | null }> {
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: {
        id: true,
        reference: true,
        organisationId: true,
        assigneeId: true,
        assignee: { select: { name: true } },
      },
    });
    if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
    const assignee = assigneeId ? await findAssignableUser(tx, assigneeId) : null;
    if ((incident.assigneeId ?? null) === (assignee?.id ?? null)) {
      return { changed: false, reference: incident.reference, assigneeName: assignee?.name ?? null };
    }
    await tx.incident.update({ where: { id: incident.id }, data: { assigneeId: assignee?.id ?? null } });
    const previous = incident.assignee?.name ?? null;
    await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        type: "ASSIGNED",
        visibility: "INTERNAL",
        ...timelineActorFields(actor),
        message: assignee
          ? `Assigned to ${assignee.name}${previous ? ` (was ${previous})` : ""}.`
          : `Unassigned (was ${previous ?? "nobody"}).`,
        data: { from: incident.assigneeId, to: assignee?.id ?? null },
      },
    });
    await recordAudit(tx, {
      actor,
      action: "incident.assign",
      target: { type: "Incident", id: incident.id },
      organisationId: incident.organisationId,
      context,
      data: { reference: incident.reference, from: incident.assigneeId, to: assignee?.id ?? null },
    });
    return { changed: true, reference: incident.reference, assigneeName: assignee?.name ?? null };
  });
}
