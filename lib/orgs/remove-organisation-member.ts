import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { endSessions } from "@/lib/auth/session-access";
import { AppError } from "@/lib/errors";

/** The user loses access to the organisation's incidents on their next request; their sessions end. */
export async function removeOrganisationMember(
  db: Db,
  {
    organisationId,
    userId,
    actor,
    context,
  }: { organisationId: string; userId: string; actor: AuditActor; context?: AuditContext },
): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_organisationId: { userId, organisationId } },
      select: { user: { select: { email: true } } },
    });
    if (!membership) throw new AppError("NOT_FOUND", "That user is not a member of this organisation.");
    await tx.membership.delete({ where: { userId_organisationId: { userId, organisationId } } });
    await endSessions(tx, userId);
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.member.remove",
      organisationId,
      target: { type: "User", id: userId },
      data: { email: membership.user.email },
    });
    return { email: membership.user.email };
  });
}
