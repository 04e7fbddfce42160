import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TContactInput } from "./org-inputs";

export async function addContact(
  db: Db,
  {
    organisationId,
    contact,
    actor,
    context,
  }: { organisationId: string; contact: TContactInput; actor: AuditActor; context?: AuditContext },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    const email = contact.email.toLowerCase();
    const existing = await tx.contact.findUnique({
      where: { organisationId_email: { organisationId, email } },
      select: { active: true },
    });
    if (existing) {
      throw new AppError(
        "CONFLICT",
        `${email} is already a contact of ${organisation.name}${existing.active ? "" : " (deactivated: reactivate it instead)"}.`,
      );
    }
    const created = await tx.contact.create({
      data: {
        organisationId,
        name: contact.name,
        email,
        role: contact.role,
        phone: contact.phone,
        language: contact.language ?? null,
      },
    });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.contact.add",
      organisationId,
      target: { type: "Contact", id: created.id },
      data: { ...contact, email },
    });
    return { id: created.id };
  });
}
