import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isTimeZone } from "@/lib/time/readable-time";
import { retimeWaitingNotices } from "./set-delivery-mode";

/** The time zone an organisation's people read times in: its portal pages and the readable times in its notices. */
export async function setOrganisationTimeZone(
  db: Db,
  {
    organisationId,
    timeZone,
    actor,
    context,
  }: { organisationId: string; timeZone: string; actor: AuditActor; context?: AuditContext },
): Promise<{ changed: boolean }> {
  if (!isTimeZone(timeZone)) throw new AppError("INVALID_INPUT", `"${timeZone}" is not a time zone this server knows.`);
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { timeZone: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    if (organisation.timeZone === timeZone) return { changed: false };
    await tx.organisation.update({ where: { id: organisationId }, data: { timeZone } });
    // A digest "daily at 08:00" is 08:00 in the new zone from now on.
    await retimeWaitingNotices(tx, { organisationId, now: new Date() });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.time-zone.update",
      organisationId,
      target: { type: "Organisation", id: organisationId },
      data: { from: organisation.timeZone, to: timeZone },
    });
    return { changed: true };
  });
}
