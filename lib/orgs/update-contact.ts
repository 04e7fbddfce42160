import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { endContactAccess } from "@/lib/auth/session-access";
import { AppError } from "@/lib/errors";
import type { TContactInput } from "./org-inputs";

/** A new address starts with a clean delivery record: the bounces belonged to the old one. */
export const CLEAN_DELIVERY_RECORD = {
  hardBounces: 0,
  lastBounce: null,
  lastBounceAt: null,
  undeliverableAt: null,
} as const;

/** Changes a contact's details; the audit entry keeps the values before and after. */
export async function updateContact(
  db: Db,
  {
    organisationId,
    contactId,
    contact,
    actor,
    context,
  }: { organisationId: string; contactId: string; contact: TContactInput; actor: AuditActor; context?: AuditContext },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.contact.findFirst({ where: { id: contactId, organisationId } });
    if (!current) throw new AppError("NOT_FOUND", "That contact is not listed for this organisation.");
    const email = contact.email.toLowerCase();
    if (email !== current.email) {
      const clash = await tx.contact.findUnique({
        where: { organisationId_email: { organisationId, email } },
        select: { id: true },
      });
      if (clash) throw new AppError("CONFLICT", `${email} is already another contact of this organisation.`);
    }
    const before = {
      name: current.name,
      email: current.email,
      role: current.role,
      phone: current.phone,
      language: current.language,
    };
    const after = {
      name: contact.name,
      email,
      role: contact.role,
      phone: contact.phone,
      language: contact.language === undefined ? current.language : contact.language,
    };
    await tx.contact.update({
      where: { id: current.id },
      data: { ...after, ...(email !== current.email ? CLEAN_DELIVERY_RECORD : {}) },
    });
    // The old address is no longer this organisation's contact: whoever reads it loses the portal.
    if (email !== current.email) await endContactAccess(tx, { organisationId, email: current.email });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.contact.update",
      organisationId,
      target: { type: "Contact", id: current.id },
      data: { before, after },
    });
  });
}
