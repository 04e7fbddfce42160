import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TNoticeFormatsInput } from "./org-inputs";

/**
 * What an organisation's notices carry: the X-ARF report, the IODEF document, and whether mail
 * must be encrypted (then a contact without a usable OpenPGP key gets nothing until an analyst acts).
 */
export async function setNoticeFormats(
  db: Db,
  {
    organisationId,
    formats,
    actor,
    context,
  }: { organisationId: string; formats: TNoticeFormatsInput; actor: AuditActor; context?: AuditContext },
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { attachXarf: true, attachIodef: true, requireEncryption: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "No such organisation.");
    const changes = Object.fromEntries(
      Object.entries(formats).filter(([key, value]) => current[key as keyof typeof current] !== value),
    );
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx.organisation.update({ where: { id: organisationId }, data: changes });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.notice-formats.update",
      organisationId,
      target: { type: "Organisation", id: organisationId },
      data: { from: current, to: formats },
    });
    return { changed: true };
  });
}
