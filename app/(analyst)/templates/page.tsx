import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listTemplates } from "@/lib/notify/list-templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  await pageStaff("/templates");
  const templates = await listTemplates(db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Notification templates</h1>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {templates.map((template) => (
          <li key={template.id} className="flex items-center justify-between px-4 py-3">
            <div>
              <Link href={`/templates/${template.id}`} className="font-medium text-sky-800 hover:underline">
                {template.name}
              </Link>
              <p className="font-mono text-xs text-slate-600">{template.subject}</p>
            </div>
            <p className="text-xs text-slate-600">
              version {template.version}
              {template.updatedBy ? ` · ${template.updatedBy.email}` : ""} ·{" "}
              {template.updatedAt.toISOString().slice(0, 10)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
