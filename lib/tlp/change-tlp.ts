import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { type TimelineActor, timelineActorFields } from "@/lib/incidents/timeline-actor";
import { effectiveTlp, TLP_MEANING, tlpLabel, tlpRank } from "./tlp";

/**
 * Sets an incident's TLP: one timeline entry the institution sees (the marking tells them what
 * they may pass on) and one audit entry. The same marking again changes and records nothing.
 */
export async function changeIncidentTlp(
  db: Db,
  {
    incidentId,
    tlp,
    reason,
    actor,
    context,
  }: { incidentId: string; tlp: Tlp; reason?: string; actor: TimelineActor; context?: AuditContext },
): Promise<{ changed: boolean; reference: number; tlp: Tlp }> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string; reference: number; organisationId: string; tlp: Tlp }>>`
      SELECT id, reference, "organisationId", tlp FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "No such incident.");
    if (row.tlp === tlp) return { changed: false, reference: row.reference, tlp };
    await tx.incident.update({ where: { id: row.id }, data: { tlp } });
    const note = reason?.trim();
    await tx.timelineEvent.create({
      data: {
        incidentId: row.id,
        type: "TLP_CHANGED",
        visibility: "INSTITUTION",
        ...timelineActorFields(actor),
        message: `Marked ${tlpLabel(tlp)} (was ${tlpLabel(row.tlp)}). ${TLP_MEANING.en[tlp]}${note ? ` ${note}` : ""}`,
        data: { from: row.tlp, to: tlp },
      },
    });
    await recordAudit(tx, {
      actor,
      action: "incident.tlp",
      target: { type: "Incident", id: row.id },
      organisationId: row.organisationId,
      context,
      data: { reference: row.reference, from: row.tlp, to: tlp, ...(note ? { reason: note } : {}) },
    });
    return { changed: true, reference: row.reference, tlp };
  });
}

/**
 * Marks one file of an incident stricter than the incident (or back to the incident's marking
 * with null). A marking not stricter than the incident's is refused: files inherit it anyway.
 */
export async function changeEvidenceTlp(
  db: Db,
  {
    incidentId,
    evidenceId,
    tlp,
    actor,
    context,
  }: { incidentId: string; evidenceId: string; tlp: Tlp | null; actor: TimelineActor; context?: AuditContext },
): Promise<{ changed: boolean; tlp: Tlp }> {
  return db.$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, incidentId },
      select: {
        id: true,
        fileName: true,
        tlp: true,
        incident: { select: { id: true, tlp: true, organisationId: true } },
      },
    });
    if (!evidence) throw new AppError("NOT_FOUND", "No such file on this incident.");
    const incidentTlp = evidence.incident.tlp;
    if (tlp !== null && tlpRank(tlp) <= tlpRank(incidentTlp))
      throw new AppError(
        "INVALID_INPUT",
        `Files inherit the incident's ${tlpLabel(incidentTlp)}; a file can only be marked stricter than that.`,
      );
    const after = effectiveTlp(incidentTlp, tlp);
    if (evidence.tlp === tlp) return { changed: false, tlp: after };
    await tx.evidence.update({ where: { id: evidence.id }, data: { tlp } });
    await tx.timelineEvent.create({
      data: {
        incidentId,
        type: "TLP_CHANGED",
        visibility: "INSTITUTION",
        ...timelineActorFields(actor),
        message: `File ${evidence.fileName} marked ${tlpLabel(after)}${tlp === null ? " (the incident's marking)" : ""}.`,
        data: { evidenceId, from: evidence.tlp, to: tlp },
      },
    });
    await recordAudit(tx, {
      actor,
      action: "evidence.tlp",
      target: { type: "Evidence", id: evidence.id },
      organisationId: evidence.incident.organisationId,
      context,
      data: { incidentId, from: evidence.tlp, to: tlp },
    });
    return { changed: true, tlp: after };
  });
}
