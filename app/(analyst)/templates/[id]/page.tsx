import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/notify/template-editor";
import { Badge } from "@/components/ui/badge";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { languageName, languageOr } from "@/lib/i18n/languages";
import { getTemplate, listTemplateSiblings } from "@/lib/notify/list-templates";
import { DIGEST_TEMPLATE_VARIABLES, TEMPLATE_VARIABLES } from "@/lib/notify/template-variables";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageStaff(`/templates/${id}`);
  const template = await getTemplate(db, { id });
  if (!template) notFound();
  const [siblings, settings] = await Promise.all([
    listTemplateSiblings(db, { incidentType: template.incidentType, purpose: template.purpose }),
    getSettings(db),
  ]);
  const defaultLanguage = settings["notify.defaultLanguage"];
  const missing = siblings.filter((sibling) => !sibling.id);
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{template.name}</h1>
        <nav aria-label="Languages of this notice" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Language:</span>
          {siblings.map((sibling) =>
            sibling.id === template.id ? (
              <Badge key={sibling.language} tone="sky">
                <span aria-current="page">{languageName(sibling.language)}</span>
              </Badge>
            ) : sibling.id ? (
              <Link
                key={sibling.language}
                href={`/templates/${sibling.id}`}
                className="text-sky-800 underline-offset-2 hover:underline"
              >
                {languageName(sibling.language)}
              </Link>
            ) : (
              <span key={sibling.language} className="text-slate-600">
                {languageName(sibling.language)} (missing)
              </span>
            ),
          )}
        </nav>
        {missing.length > 0 ? (
          <p className="text-sm text-amber-900" data-testid="template-fallback-note">
            No {missing.map((sibling) => languageName(sibling.language)).join(", ")} version: organisations set to{" "}
            {missing.length === 1 ? "it" : "them"} get the {languageName(defaultLanguage)} one. Write it from the{" "}
            <Link href="/templates" className="text-sky-800 underline">
              template list
            </Link>
            .
          </p>
        ) : null}
      </div>
      <TemplateEditor
        template={{ ...template, language: languageOr(template.language) }}
        variables={template.purpose === "DIGEST" ? DIGEST_TEMPLATE_VARIABLES : TEMPLATE_VARIABLES}
      />
    </div>
  );
}
