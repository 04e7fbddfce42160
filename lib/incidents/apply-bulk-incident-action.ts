import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { queueIncidentNotifications } from "@/lib/notify/queue-incident-notifications";
import { assignIncident, findAssignableUser } from "./assign-incident";
import type { StatusActor } from "./change-incident-status";
import { STATUS_LABEL } from "./status-labels";
import { transitionIncident } from "./transition-incident";

export const MAX_BULK_INCIDENTS = 200;

export type TBulkOperation =
  | { kind: "assign"; assigneeId: string | null }
  | { kind: "status"; to: IncidentStatus; reason?: string }
  | { kind: "notify" };

export interface BulkOutcome {
  /** Incidents the operation changed (or queued notices for). */
  done: number[];
  /** Incidents left as they were, with the reason (the state machine's message for status changes). */
  refused: Array<{ reference: number; reason: string }>;
  summary: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * One operation over the incidents selected in the queue. Each incident is changed on its own
 * (one transaction each, through the same functions the incident page uses), so one refusal
 * does not undo the others; every refusal is reported with its reason.
 */
export async function applyBulkIncidentAction(
  db: Db,
  {
    incidentIds,
    operation,
    actor,
    context,
  }: { incidentIds: string[]; operation: TBulkOperation; actor: StatusActor; context?: AuditContext },
): Promise<BulkOutcome> {
  const ids = [...new Set(incidentIds)];
  if (ids.length === 0) throw new AppError("INVALID_INPUT", "Select at least one incident.");
  if (ids.length > MAX_BULK_INCIDENTS)
    throw new AppError("INVALID_INPUT", `Select at most ${MAX_BULK_INCIDENTS} incidents at a time.`);
  const incidents = await db.incident.findMany({
    where: { id: { in: ids } },
    select: { id: true, reference: true },
    orderBy: { reference: "asc" },
  });
  if (incidents.length === 0) throw new AppError("NOT_FOUND", "None of the selected incidents exists any more.");
  const referenceOf = new Map(incidents.map((incident) => [incident.id, incident.reference]));
  const done: number[] = [];
  const refused: BulkOutcome["refused"] = [];

  if (operation.kind === "notify") {
    const result = await queueIncidentNotifications(db, {
      incidentIds: incidents.map((incident) => incident.id),
      actor,
    });
    const skipped = new Map(result.skipped.map((entry) => [entry.incidentId, entry.reason]));
    for (const incident of incidents) {
      const reason = skipped.get(incident.id);
      if (reason) refused.push({ reference: incident.reference, reason });
      else done.push(incident.reference);
    }
    await recordAudit(db, {
      actor,
      action: "incident.notify.queue",
      context,
      data: { references: incidents.map((incident) => incident.reference), queued: result.queued },
    });
    return {
      done,
      refused,
      summary: `${plural(result.queued, "notification")} queued for ${plural(done.length, "incident")}.`,
    };
  }

  const assignee =
    operation.kind === "assign" && operation.assigneeId ? await findAssignableUser(db, operation.assigneeId) : null;
  for (const incident of incidents) {
    try {
      if (operation.kind === "assign") {
        const result = await assignIncident(db, {
          incidentId: incident.id,
          assigneeId: assignee?.id ?? null,
          actor,
          context,
        });
        if (result.changed) done.push(incident.reference);
        else
          refused.push({
            reference: incident.reference,
            reason: assignee ? `already assigned to ${assignee.name}` : "already unassigned",
          });
      } else {
        await transitionIncident(db, {
          incidentId: incident.id,
          to: operation.to,
          reason: operation.reason,
          actor,
          context,
        });
        done.push(incident.reference);
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      refused.push({ reference: referenceOf.get(incident.id) ?? incident.reference, reason: error.message });
    }
  }
  const missing = ids.length - incidents.length;
  const tail = missing > 0 ? ` ${plural(missing, "selected incident")} no longer exist.` : "";
  const summary =
    operation.kind === "assign"
      ? `${plural(done.length, "incident")} ${assignee ? `assigned to ${assignee.name}` : "unassigned"}.${tail}`
      : `${plural(done.length, "incident")} now ${STATUS_LABEL[operation.to].toLowerCase()}${refused.length ? `; ${refused.length} refused` : ""}.${tail}`;
  return { done, refused, summary };
}
