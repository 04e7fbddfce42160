import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { IncidentType, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { DEFAULT_LANGUAGE, type LanguageCode, languageName } from "@/lib/i18n/languages";
import { AppError } from "@/lib/errors";
import { DEFAULT_TEMPLATE_SETS } from "./default-templates";

/**
 * Writes the missing version of a notice in a language: the shipped default in that language when
 * there is one, otherwise a copy of the default language's (or any) version to translate.
 * Returns the new template's id; one that already exists is refused.
 */
export async function addTemplateLanguage(
  db: Db,
  {
    incidentType,
    purpose,
    language,
    defaultLanguage = DEFAULT_LANGUAGE,
    actor,
  }: {
    incidentType: IncidentType;
    purpose: NotificationPurpose;
    language: LanguageCode;
    defaultLanguage?: string;
    actor: AuditActor;
  },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.template.findMany({ where: { incidentType, purpose } });
    if (existing.some((row) => row.language === language))
      throw new AppError("CONFLICT", `This notice already has a ${languageName(language)} version.`);
    const shipped = DEFAULT_TEMPLATE_SETS[language].find(
      (template) => template.incidentType === incidentType && template.purpose === purpose,
    );
    const copied = existing.find((row) => row.language === defaultLanguage) ?? existing[0];
    const source = shipped ?? copied;
    if (!source) throw new AppError("NOT_FOUND", "There is no template for this notice to start from.");
    const created = await tx.template.create({
      data: {
        incidentType,
        purpose,
        language,
        name: shipped ? shipped.name : `${source.name} (${languageName(language)})`,
        subject: source.subject,
        textBody: source.textBody,
        htmlBody: shipped ? null : (copied?.htmlBody ?? null),
        updatedById: actor.id ?? null,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "template.create",
      target: { type: "Template", id: created.id },
      data: { incidentType, purpose, language, from: shipped ? "default" : copied?.language },
    });
    return { id: created.id };
  });
}
