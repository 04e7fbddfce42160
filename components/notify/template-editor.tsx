"use client";

import { useActionState, useEffect, useState, useTransition } from "react";
import { previewTemplateAction, saveTemplateAction } from "@/app/(analyst)/templates/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action";
import type { LanguageCode } from "@/lib/i18n/languages";
import type { PreviewResult } from "@/lib/notify/manage-templates";

interface Props {
  template: {
    id: string;
    incidentType: "SSH_SCAN" | "SSH_BRUTE_FORCE_REPORT" | "OTHER";
    /** The preview renders dates, numbers and variable words in it. */
    language: LanguageCode;
    /** DIGEST: the digest template, previewed over the latest incidents. */
    purpose: string;
    subject: string;
    textBody: string;
    htmlBody: string | null;
  };
  variables: ReadonlyArray<{ name: string; description: string }>;
}

const PREVIEW_DELAY_MS = 300;

export function TemplateEditor({ template, variables }: Props) {
  const [draft, setDraft] = useState({
    subject: template.subject,
    textBody: template.textBody,
    htmlBody: template.htmlBody ?? "",
  });
  const [reference, setReference] = useState("");
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [, startPreview] = useTransition();
  const [saved, saveAction, saving] = useActionState<ActionState, FormData>(saveTemplateAction, {});

  useEffect(() => {
    const timer = setTimeout(() => {
      startPreview(async () => {
        setPreview(
          await previewTemplateAction({
            ...draft,
            incidentType: template.incidentType,
            language: template.language,
            digest: template.purpose === "DIGEST",
            reference: reference ? Number(reference.replace("#", "")) : undefined,
          }),
        );
      });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, reference, template.incidentType, template.language, template.purpose]);

  const field = "block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs";
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_16rem]">
      <form action={saveAction} className="space-y-3" aria-label="Edit template">
        <input type="hidden" name="templateId" value={template.id} />
        <div>
          <label htmlFor="subject" className="block text-sm font-medium">
            Subject
          </label>
          <input
            id="subject"
            name="subject"
            className={field}
            value={draft.subject}
            onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor="textBody" className="block text-sm font-medium">
            Text body
          </label>
          <textarea
            id="textBody"
            name="textBody"
            rows={24}
            className={field}
            value={draft.textBody}
            onChange={(event) => setDraft({ ...draft, textBody: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor="htmlBody" className="block text-sm font-medium">
            HTML body (optional; values are escaped)
          </label>
          <textarea
            id="htmlBody"
            name="htmlBody"
            rows={6}
            className={field}
            value={draft.htmlBody}
            onChange={(event) => setDraft({ ...draft, htmlBody: event.target.value })}
          />
        </div>
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save template"}
        </Button>
        {saved.error ? <Alert tone="error">{saved.error}</Alert> : null}
        {saved.ok ? <Alert tone="success">{saved.message}</Alert> : null}
      </form>
      <section aria-labelledby="preview-heading" className="space-y-3">
        <div className="flex items-end justify-between gap-3">
          <h2 id="preview-heading" className="text-base font-semibold">
            Preview
          </h2>
          <label className="text-xs">
            From incident{" "}
            <input
              value={reference}
              onChange={(event) => setReference(event.target.value)}
              placeholder="latest"
              className="ml-1 w-20 rounded border border-slate-300 px-1 py-0.5"
              aria-label="Incident reference for the preview"
            />
          </label>
        </div>
        {preview === null ? <p className="text-sm text-slate-600">Rendering…</p> : null}
        {preview && !preview.ok ? (
          <Alert tone="error">
            <ul className="list-disc pl-4" data-testid="template-problems">
              {preview.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {preview?.ok ? (
          <article className="rounded-lg border border-slate-200 bg-white" data-testid="template-preview">
            <p className="border-b border-slate-200 px-3 py-2 text-sm">
              <span className="text-slate-600">Subject:</span>{" "}
              <span data-testid="preview-subject">{preview.message.subject}</span>
            </p>
            {/* As the recipient sees it: the template's own line breaks, long lines scroll rather than re-wrap. */}
            <pre
              className="max-h-[36rem] overflow-auto whitespace-pre p-3 font-mono text-xs"
              tabIndex={0}
              role="region"
              aria-label="Preview of the text body"
            >
              {preview.message.text}
            </pre>
            <p className="border-t border-slate-200 px-3 py-1 text-xs text-slate-600">
              {preview.incidentReference
                ? `Rendered from incident #${preview.incidentReference}`
                : "No incident of this type yet: example values shown"}
            </p>
          </article>
        ) : null}
      </section>
      <aside aria-labelledby="variables-heading" className="text-xs">
        <h2 id="variables-heading" className="mb-2 text-sm font-semibold">
          Variables
        </h2>
        <dl className="space-y-2">
          {variables.map((variable) => (
            <div key={variable.name}>
              <dt className="font-mono text-sky-800">{`{{${variable.name}}}`}</dt>
              <dd className="text-slate-700">{variable.description}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </div>
  );
}
