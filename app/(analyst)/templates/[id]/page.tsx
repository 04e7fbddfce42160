import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/notify/template-editor";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { getTemplate } from "@/lib/notify/list-templates";
import { DIGEST_TEMPLATE_VARIABLES, TEMPLATE_VARIABLES } from "@/lib/notify/template-variables";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageStaff(`/templates/${id}`);
  const template = await getTemplate(db, { id });
  if (!template) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{template.name}</h1>
      <TemplateEditor
        template={template}
        variables={template.purpose === "DIGEST" ? DIGEST_TEMPLATE_VARIABLES : TEMPLATE_VARIABLES}
      />
    </div>
  );
}
