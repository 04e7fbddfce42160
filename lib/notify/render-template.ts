import Mustache from "mustache";
import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import {
  DIGEST_TEMPLATE_VARIABLE_NAMES,
  type DigestView,
  TEMPLATE_VARIABLE_NAMES,
  type TemplateView,
} from "./template-variables";

export interface TemplateSource {
  subject: string;
  textBody: string;
  htmlBody?: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
}

type Spans = ReturnType<typeof Mustache.parse>;

const VARIABLE_SPANS = new Set(["name", "&", "#", "^"]);
const MAX_SUBJECT_LENGTH = 250;

function collectNames(spans: Spans, into: Array<{ type: string; name: string }>): void {
  for (const span of spans) {
    const [type, value] = span as [string, string, number, number, Spans?];
    if (VARIABLE_SPANS.has(type) || type === ">") into.push({ type, name: value });
    const children = span[4];
    if (Array.isArray(children)) collectNames(children as Spans, into);
  }
}

// Every variable carries text from outside (flows, organisations, institutions' own words).
function unescapedProblem(name: string): string {
  return `The HTML body prints {{${name}}} unescaped ({{{${name}}}} or {{& ${name}}}); write {{${name}}} so that it is escaped.`;
}

/** Problems that make a template unusable: broken syntax, partials, unknown variables, no reference in the subject. */
export function validateTemplate(template: TemplateSource, purpose?: NotificationPurpose): string[] {
  const digest = purpose === "DIGEST";
  const known = digest ? DIGEST_TEMPLATE_VARIABLE_NAMES : TEMPLATE_VARIABLE_NAMES;
  const problems: string[] = [];
  const parts: Array<[string, string | null | undefined]> = [
    ["subject", template.subject],
    ["text body", template.textBody],
    ["HTML body", template.htmlBody],
  ];
  for (const [part, source] of parts) {
    if (source === null || source === undefined || (part === "HTML body" && source.trim() === "")) continue;
    if (source.trim() === "") {
      problems.push(`The ${part} is empty.`);
      continue;
    }
    let spans: Spans;
    try {
      spans = Mustache.parse(source);
    } catch (error) {
      problems.push(`The ${part} does not parse: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    } finally {
      Mustache.clearCache();
    }
    const names: Array<{ type: string; name: string }> = [];
    collectNames(spans, names);
    for (const { type, name } of names) {
      if (type === ">")
        problems.push(`The ${part} includes a partial ({{> ${name}}}); templates cannot include others.`);
      else if (!known.has(name))
        problems.push(`The ${part} uses {{${name}}}, which is not a variable templates can use.`);
      else if (type === "&" && part === "HTML body") problems.push(unescapedProblem(name));
    }
  }
  if (!digest && template.subject && !template.subject.includes("{{reference}}")) {
    problems.push("The subject must carry {{reference}} so that replies can be matched to the incident.");
  }
  return [...new Set(problems)];
}

const noEscape = (value: unknown) => String(value);

/** One line, no control characters: a header value that cannot smuggle in another header. */
export function headerSafe(value: string, maxLength = MAX_SUBJECT_LENGTH): string {
  return value
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxLength);
}

/** Escapes {{{ }}} and {{& }} too: a template saved before validation refused them still cannot inject HTML. */
class EscapeEverythingWriter extends Mustache.Writer {
  override unescapedValue(token: string[], context: Mustache.Context): string {
    return this.escapedValue(token, context);
  }
}

const htmlWriter = new EscapeEverythingWriter();

/** Renders a validated template. The text part is not escaped; every value in the HTML part is. */
export function renderTemplate(template: TemplateSource, view: TemplateView | DigestView): RenderedMessage {
  return {
    subject: headerSafe(Mustache.render(template.subject, view, undefined, { escape: noEscape })),
    text: Mustache.render(template.textBody, view, undefined, { escape: noEscape }),
    html: template.htmlBody?.trim() ? htmlWriter.render(template.htmlBody, view) : null,
  };
}
