import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";
import { checkSuppression } from "@/lib/suppressions/check-suppression";

/**
 * An analyst records a suppression (a source the organisation runs on purpose, e.g. its own
 * scanner). The entry starts pending: the detector honours only approved entries that have not
 * expired. Same rules as an institution's request (`checkSuppression`).
 */
export async function addAllowListEntry(
  db: Db,
  {
    organisationId,
    network: text,
    reason,
    expiresAt,
    actor,
    context,
    now = new Date(),
  }: {
    organisationId: string;
    network: string;
    reason: string;
    expiresAt: Date;
    actor: AuditActor;
    context?: AuditContext;
    now?: Date;
  },
): Promise<{ id: string; network: string; normalisedFrom: string | null }> {
  const settings = await getSettings(db);
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`suppression:${organisationId}`}, 0))`;
    const checked = await checkSuppression(tx, {
      organisationId,
      organisationName: organisation.name,
      network: text,
      reason,
      expiresAt,
      maxDays: settings["suppression.maxDays"],
      now,
    });
    const entry = await tx.allowListEntry.create({
      data: {
        organisationId,
        network: checked.network,
        reason: checked.reason,
        expiresAt,
        createdById: actor.id ?? null,
      },
    });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.allowlist.add",
      organisationId,
      target: { type: "AllowListEntry", id: entry.id },
      data: { network: checked.network, reason: checked.reason, expiresAt: expiresAt.toISOString() },
    });
    return { id: entry.id, network: checked.network, normalisedFrom: checked.normalisedFrom };
  });
}
