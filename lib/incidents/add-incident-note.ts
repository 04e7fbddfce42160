import { timelineActorFields } from "@/lib/incidents/timeline-actor";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StatusActor } from "./change-incident-status";

export const MAX_NOTE_LENGTH = 10_000;

/** An analyst's note on the timeline: internal unless they choose to share it with the institution. */
export async function addIncidentNote(
  db: Db,
  {
    incidentId,
    text,
    shareWithInstitution = false,
    actor,
    context,
  }: { incidentId: string; text: string; shareWithInstitution?: boolean; actor: StatusActor; context?: AuditContext },
): Promise<{ eventId: string }> {
  const note = text.trim();
  if (note === "") throw new AppError("INVALID_INPUT", "Write the note first.");
  if (note.length > MAX_NOTE_LENGTH)
    throw new AppError("INVALID_INPUT", `A note can be at most ${MAX_NOTE_LENGTH.toLocaleString("en-GB")} characters.`);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, reference: true, organisationId: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
    const event = await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        type: "NOTE",
        visibility: shareWithInstitution ? "INSTITUTION" : "INTERNAL",
        ...timelineActorFields(actor),
        message: note,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "incident.note",
      target: { type: "Incident", id: incident.id },
      organisationId: incident.organisationId,
      context,
      data: { reference: incident.reference, eventId: event.id, shared: shareWithInstitution },
    });
    return { eventId: event.id };
  });
}
