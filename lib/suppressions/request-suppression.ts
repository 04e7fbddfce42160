import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";
import { checkSuppression } from "./check-suppression";

/**
 * An institution user asks to suppress a source or block of their own organisation for a while
 * (their vulnerability scanner, a research project). Nothing is suppressed until an analyst approves.
 */
export async function requestSuppression(
  db: Db,
  {
    user,
    organisationId,
    network,
    reason,
    expiresAt,
    context,
    now = new Date(),
  }: {
    user: CurrentUser;
    organisationId: string;
    network: string;
    reason: string;
    expiresAt: Date;
    context?: AuditContext;
    now?: Date;
  },
): Promise<{ id: string; network: string; normalisedFrom: string | null }> {
  if (user.role !== "INSTITUTION" || !user.organisationIds.includes(organisationId))
    throw new AppError("NOT_FOUND", "No such organisation.");
  const settings = await getSettings(db);
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findFirst({
      where: { id: { in: user.organisationIds }, AND: { id: organisationId } },
      select: { name: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    // One request at a time per organisation, so two identical requests cannot both pass the duplicate check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`suppression:${organisationId}`}, 0))`;
    const checked = await checkSuppression(tx, {
      organisationId,
      organisationName: organisation.name,
      network,
      reason,
      expiresAt,
      maxDays: settings["suppression.maxDays"],
      now,
    });
    const entry = await tx.allowListEntry.create({
      data: { organisationId, network: checked.network, reason: checked.reason, expiresAt, createdById: user.id },
    });
    await recordAudit(tx, {
      actor: { id: user.id, label: user.email },
      context,
      action: "suppression.request",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network: checked.network, reason: checked.reason, expiresAt: expiresAt.toISOString() },
    });
    return { id: entry.id, network: checked.network, normalisedFrom: checked.normalisedFrom };
  });
}
