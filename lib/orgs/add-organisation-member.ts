import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Makes an existing institution user a member of the organisation (they then see its incidents). */
export async function addOrganisationMember(
  db: Db,
  {
    organisationId,
    email,
    actor,
    context,
  }: { organisationId: string; email: string; actor: AuditActor; context?: AuditContext },
): Promise<{ userId: string }> {
  const address = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, role: true, memberships: { where: { organisationId }, select: { userId: true } } },
    });
    if (!user) {
      throw new AppError(
        "NOT_FOUND",
        `No institution user has the address ${address}. Contacts become users when they first sign in with an e-mail link.`,
      );
    }
    if (user.role !== "INSTITUTION")
      throw new AppError(
        "INVALID_INPUT",
        `${address} is a CSIRT staff account; staff see every organisation without membership.`,
      );
    if (user.memberships.length > 0)
      throw new AppError("CONFLICT", `${address} is already a member of ${organisation.name}.`);
    await tx.membership.create({ data: { organisationId, userId: user.id } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.member.add",
      organisationId,
      target: { type: "User", id: user.id },
      data: { email: address },
    });
    return { userId: user.id };
  });
}
