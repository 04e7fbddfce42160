import type { Metadata } from "next";
import Link from "next/link";
import { AddTemplateLanguageForm } from "@/components/notify/add-template-language-form";
import { Badge } from "@/components/ui/badge";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { languageName } from "@/lib/i18n/languages";
import { NOTIFICATION_PURPOSE_LABEL, TYPE_LABEL } from "@/lib/labels";
import { listTemplateGroups } from "@/lib/notify/list-templates";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Templates" };

/** Language names without the native name in brackets, for running text ("the German version"). */
function shortName(code: string): string {
  return languageName(code).replace(/ \(.*\)$/, "");
}

export default async function TemplatesPage() {
  await pageStaff("/templates");
  const settings = await getSettings(db);
  const defaultLanguage = settings["notify.defaultLanguage"];
  const groups = await listTemplateGroups(db, { defaultLanguage });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Notification templates</h1>
        <p className="text-sm text-slate-600">
          Each notice exists once per language. An organisation (or a contact) set to a language without its own version
          gets the {shortName(defaultLanguage)} one.
        </p>
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {groups.map((group) => (
          <li key={`${group.incidentType}/${group.purpose}`} className="space-y-2 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-900">
              {TYPE_LABEL[group.incidentType]} · {NOTIFICATION_PURPOSE_LABEL[group.purpose]}
            </h2>
            <ul className="space-y-2">
              {group.languages.map((slot) => (
                <li
                  key={slot.language}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
                  data-testid={`template-${group.incidentType}-${group.purpose}-${slot.language}`}
                >
                  <span className="w-40 shrink-0 text-slate-700">{languageName(slot.language)}</span>
                  {slot.template ? (
                    <>
                      <span className="min-w-0 space-y-0.5">
                        <Link
                          href={`/templates/${slot.template.id}`}
                          className="block font-medium text-sky-800 hover:underline"
                        >
                          {slot.template.name}
                        </Link>
                        <span className="block break-words font-mono text-xs text-slate-600">
                          {slot.template.subject}
                        </span>
                      </span>
                      <span className="text-xs text-slate-600">
                        version {slot.template.version}
                        {slot.template.updatedBy ? ` · ${slot.template.updatedBy.email}` : ""} ·{" "}
                        {slot.template.updatedAt.toISOString().slice(0, 10)}
                      </span>
                    </>
                  ) : (
                    <>
                      <Badge tone="amber">missing</Badge>
                      <span className="text-xs text-slate-700">
                        Falls back to {shortName(slot.fallsBackTo ?? defaultLanguage)}: {shortName(slot.language)}{" "}
                        organisations get the {shortName(slot.fallsBackTo ?? defaultLanguage)} notice.
                      </span>
                      <AddTemplateLanguageForm
                        incidentType={group.incidentType}
                        purpose={group.purpose}
                        language={slot.language}
                        languageName={shortName(slot.language)}
                      />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
