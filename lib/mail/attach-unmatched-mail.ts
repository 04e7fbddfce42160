import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileMailOnIncidentInTx } from "./file-mail-on-incident";
import { findOrganisationSender } from "./find-mail-thread";
import { readInboundMessage } from "./read-inbound-message";

/**
 * An analyst puts an unmatched message on an incident. Its files become evidence under the
 * portal's rules (read again from the kept raw message); it is shown to the institution only
 * when the analyst says so, and it acknowledges the incident only when the sender turns out
 * to speak for the organisation.
 */
export async function attachUnmatchedMail(
  db: Db,
  {
    mailId,
    reference,
    share,
    actor,
    context,
  }: { mailId: string; reference: number; share: boolean; actor: AuditActor & { id: string }; context?: AuditContext },
): Promise<{ reference: number }> {
  const mail = await db.inboundMail.findUnique({ where: { id: mailId } });
  if (mail?.state !== "UNMATCHED")
    throw new AppError("NOT_FOUND", "That message is no longer waiting: someone attached or discarded it.");
  const incident = await db.incident.findUnique({
    where: { reference },
    select: { id: true, organisationId: true, reference: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", `There is no incident #${reference}.`);
  const attachments =
    mail.raw && mail.kind !== "TOO_LARGE" && mail.kind !== "MALFORMED"
      ? ((await readInboundMessage(Buffer.from(mail.raw)).catch(() => null))?.attachments ?? [])
      : [];
  await db.$transaction(async (tx) => {
    const claimed = await tx.inboundMail.updateMany({
      where: { id: mail.id, state: "UNMATCHED" },
      data: {
        state: "ATTACHED",
        incidentId: incident.id,
        decidedById: actor.id,
        decidedAt: new Date(),
        note: `${mail.note} Attached to #${reference} by ${actor.label}.`,
      },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", "Someone else decided about this message a moment ago.");
    const sender = await findOrganisationSender(tx, {
      organisationId: incident.organisationId,
      address: mail.fromAddress,
    });
    if (sender?.contactId)
      await tx.inboundMail.update({ where: { id: mail.id }, data: { contactId: sender.contactId } });
    await fileMailOnIncidentInTx(tx, {
      mail,
      incidentId: incident.id,
      attachments,
      senderLabel: sender?.label ?? (mail.fromAddress || "an unknown sender"),
      visibility: share ? "INSTITUTION" : "INTERNAL",
      acknowledges: Boolean(sender) && mail.kind === "REPLY",
      actor,
    });
    await recordAudit(tx, {
      actor,
      context,
      action: "mail.attach",
      organisationId: incident.organisationId,
      target: { type: "InboundMail", id: mail.id },
      data: { reference, share },
    });
  });
  return { reference };
}
