import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { endContactAccess } from "@/lib/auth/session-access";
import { AppError } from "@/lib/errors";

/**
 * A deactivated contact gets no notices, cannot sign in by e-mail link, and loses the portal at
 * once (membership and sessions end); the row and its history stay.
 */
export async function setContactActive(
  db: Db,
  {
    organisationId,
    contactId,
    active,
    actor,
    context,
  }: { organisationId: string; contactId: string; active: boolean; actor: AuditActor; context?: AuditContext },
): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { id: contactId, organisationId },
      select: { id: true, email: true, active: true },
    });
    if (!contact) throw new AppError("NOT_FOUND", "That contact is not listed for this organisation.");
    if (contact.active !== active) {
      await tx.contact.update({ where: { id: contact.id }, data: { active } });
      if (!active) await endContactAccess(tx, { organisationId, email: contact.email });
      await recordAudit(tx, {
        actor,
        context,
        action: active ? "organisation.contact.reactivate" : "organisation.contact.deactivate",
        organisationId,
        target: { type: "Contact", id: contact.id },
        data: { email: contact.email },
      });
    }
    return { email: contact.email };
  });
}
