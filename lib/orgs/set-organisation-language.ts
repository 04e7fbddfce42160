import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isLanguage, languageName } from "@/lib/i18n/languages";

/** The language an organisation's notices are written in (a contact may override it). */
export async function setOrganisationLanguage(
  db: Db,
  {
    organisationId,
    language,
    actor,
    context,
  }: { organisationId: string; language: string; actor: AuditActor; context?: AuditContext },
): Promise<{ changed: boolean }> {
  if (!isLanguage(language))
    throw new AppError("INVALID_INPUT", `"${language}" is not a language notices can be written in.`);
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { language: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    if (organisation.language === language) return { changed: false };
    await tx.organisation.update({ where: { id: organisationId }, data: { language } });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.language.update",
      organisationId,
      target: { type: "Organisation", id: organisationId },
      data: { from: organisation.language, to: language, name: languageName(language) },
    });
    return { changed: true };
  });
}
