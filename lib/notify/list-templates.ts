import type { Db } from "@/lib/db/client";
import type { IncidentType, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";

/** Every notification template, grouped by incident type and purpose, with who changed it last. */
export async function listTemplates(db: Db) {
  return db.template.findMany({
    orderBy: [{ incidentType: "asc" }, { purpose: "asc" }, { language: "asc" }],
    include: { updatedBy: { select: { email: true } } },
  });
}

type TemplateListRow = Awaited<ReturnType<typeof listTemplates>>[number];

export interface TemplateLanguageSlot {
  language: LanguageCode;
  template: TemplateListRow | null;
  /** For a missing one: the language notices to such organisations go out in instead. */
  fallsBackTo: string | null;
}

export interface TemplateGroup {
  incidentType: IncidentType;
  purpose: NotificationPurpose;
  name: string;
  languages: TemplateLanguageSlot[];
}

/**
 * One row per incident type and purpose, with its version in every supported language: a
 * missing one says which language is sent instead (the default language's, when there is one).
 */
export async function listTemplateGroups(
  db: Db,
  { defaultLanguage = DEFAULT_LANGUAGE }: { defaultLanguage?: string } = {},
): Promise<TemplateGroup[]> {
  const templates = await listTemplates(db);
  const groups = new Map<string, TemplateListRow[]>();
  for (const template of templates) {
    const key = `${template.incidentType}/${template.purpose}`;
    groups.set(key, [...(groups.get(key) ?? []), template]);
  }
  return [...groups.values()].map((rows) => {
    const first = rows[0]!;
    const named = rows.find((row) => row.language === defaultLanguage) ?? first;
    const fallback = rows.find((row) => row.language === defaultLanguage)?.language ?? first.language;
    return {
      incidentType: first.incidentType,
      purpose: first.purpose,
      name: named.name,
      languages: LANGUAGE_CODES.map((language) => {
        const template = rows.find((row) => row.language === language) ?? null;
        return { language, template, fallsBackTo: template ? null : fallback };
      }),
    };
  });
}

/** One template by id, or null (an id that is not a UUID finds nothing). */
export async function getTemplate(db: Db, { id }: { id: string }) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return db.template.findUnique({ where: { id } });
}

/** The same notice in the other languages: which exist (with their id) and which are missing. */
export async function listTemplateSiblings(
  db: Db,
  { incidentType, purpose }: { incidentType: IncidentType; purpose: NotificationPurpose },
): Promise<Array<{ language: LanguageCode; id: string | null }>> {
  const rows = await db.template.findMany({
    where: { incidentType, purpose },
    select: { id: true, language: true },
  });
  return LANGUAGE_CODES.map((language) => ({
    language,
    id: rows.find((row) => row.language === language)?.id ?? null,
  }));
}
