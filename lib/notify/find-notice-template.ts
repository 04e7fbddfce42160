import type { Db, Tx } from "@/lib/db/client";
import type { Template } from "@/lib/generated/prisma/client";
import type { IncidentType, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { DEFAULT_LANGUAGE, languageOr } from "@/lib/i18n/languages";

/** The language a contact is written to: their own, else their organisation's (an unsupported one reads as the default). */
export function noticeLanguage(
  organisation: { language: string },
  contact: { language: string | null } | null,
  defaultLanguage: string = DEFAULT_LANGUAGE,
): string {
  return languageOr(contact?.language ?? organisation.language, languageOr(defaultLanguage));
}

/**
 * The template a notice is written with: the incident type's in the wanted language, else in the
 * default language, else the SSH scan one (in the wanted, then the default language).
 * `fellBack` says the wanted language had none, so the notice goes out in `template.language`.
 */
export async function findNoticeTemplate(
  db: Db | Tx,
  {
    incidentType,
    purpose,
    language,
    defaultLanguage = DEFAULT_LANGUAGE,
  }: { incidentType: IncidentType; purpose: NotificationPurpose; language: string; defaultLanguage?: string },
): Promise<{ template: Template; fellBack: boolean } | null> {
  const candidates = await db.template.findMany({
    where: {
      purpose,
      incidentType: { in: [incidentType, "SSH_SCAN"] },
      language: { in: [language, defaultLanguage] },
    },
  });
  const order: Array<[IncidentType, string]> = [
    [incidentType, language],
    [incidentType, defaultLanguage],
    ["SSH_SCAN", language],
    ["SSH_SCAN", defaultLanguage],
  ];
  for (const [type, code] of order) {
    const template = candidates.find((item) => item.incidentType === type && item.language === code);
    if (template) return { template, fellBack: template.language !== language };
  }
  return null;
}
