/**
 * HTML-only mail as plain text: scripts, styles and comments dropped, blocks and line breaks
 * kept as lines, quoted blocks (<blockquote>) as "> " lines so they fold like quoted text, the
 * common entities decoded. The HTML itself is never kept for display. Pure: no I/O.
 */
const MAX_HTML_CHARS = 2_000_000;
const QUOTE_OPEN = "\u0001";
const QUOTE_CLOSE = "\u0002";
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  copy: "©",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && code !== 1 && code !== 2
        ? String.fromCodePoint(code)
        : "";
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}

export function htmlToPlainText(html: string): string {
  const marked = html
    .slice(0, MAX_HTML_CHARS)
    .replace(/[\u0001\u0002]/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head|title|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<blockquote\b[^>]*>/gi, `\n${QUOTE_OPEN}\n`)
    .replace(/<\/blockquote\s*>/gi, `\n${QUOTE_CLOSE}\n`)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|tr|h[1-6]|table|ul|ol|pre|section|article|header|footer)\s*>/gi, "\n")
    .replace(/<(p|div|tr|h[1-6]|table|pre)\b[^>]*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, "\t")
    .replace(/<[^>]*>/g, "");
  const lines: string[] = [];
  let depth = 0;
  for (const raw of decodeEntities(marked).split("\n")) {
    if (raw.trim() === QUOTE_OPEN) {
      depth += 1;
      continue;
    }
    if (raw.trim() === QUOTE_CLOSE) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    const line = raw.replace(/[ \t\u00a0]+/g, " ").trim();
    if (depth > 0 && line === "") continue;
    lines.push(depth > 0 ? `${"> ".repeat(depth)}${line}` : line);
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
