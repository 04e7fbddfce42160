/**
 * The TLP 2.0 label on every notice, whatever its template says (an edited template cannot drop
 * it): in the subject after the `[CSIRT …]` tag, and as the first line of the body with what the
 * label allows, in the notice's language. FIRST asks for the label where a reader sees it first.
 */
import type { Evidence } from "@/lib/generated/prisma/client";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { languageOr } from "@/lib/i18n/languages";
import { effectiveTlp, TLP_MEANING, tlpAllowsMailAttachment, tlpLabel } from "@/lib/tlp/tlp";
import type { RenderedMessage } from "./render-template";
import { wrapText } from "./wrap-text";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function markNotice(message: RenderedMessage, tlp: Tlp, language: string): RenderedMessage {
  const label = tlpLabel(tlp);
  const meaning = TLP_MEANING[languageOr(language)][tlp];
  // A reply's subject may carry an earlier label: the current one replaces it.
  const bare = message.subject.replace(/\s*\[TLP:[A-Z+]+\]/g, "");
  const tag = /\[CSIRT[^\]]*\]/.exec(bare);
  const subject = tag
    ? `${bare.slice(0, tag.index + tag[0].length)} [${label}]${bare.slice(tag.index + tag[0].length)}`
    : `[${label}] ${bare.trimStart()}`;
  const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char]!);
  return {
    subject,
    text: `${wrapText(`${label}: ${meaning}`, 72)}\n\n${message.text}`,
    html:
      message.html === null
        ? null
        : `<p><strong>${escapeHtml(label)}</strong>: ${escapeHtml(meaning)}</p>\n${message.html}`,
  };
}

/** Files that may go by mail: a RED file (its own marking or its incident's) stays on the platform. */
export function mailableEvidence<T extends Pick<Evidence, "tlp">>(incidentTlp: Tlp, evidence: T[]): T[] {
  return evidence.filter((item) => tlpAllowsMailAttachment(effectiveTlp(incidentTlp, item.tlp)));
}
