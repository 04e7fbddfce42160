/**
 * Splits a reply into what the person wrote and what their mail program added: the quoted
 * history ("> ..." lines, "On ... wrote:", Outlook's "-----Original Message-----" and
 * "From: / Sent:" blocks) and the signature ("-- " and what follows). Pure: no I/O.
 */
export interface FoldedText {
  /** What the person wrote. */
  text: string;
  /** What was folded away, in order; empty when nothing was. */
  folded: string;
}

const ATTRIBUTION = [
  /^On .{1,200}(wrote|schrieb|a écrit|escribió|scrisse|schreef):\s*$/i,
  /^Am .{1,200} schrieb .{0,200}:\s*$/i,
  /^Le .{1,200} a écrit\s*:\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];
const OUTLOOK_HEADER = /^\*?(From|Von|De|Van)\s*:\*?\s.+/i;
const OUTLOOK_NEXT = /^\*?(Sent|Gesendet|Envoyé|Date|Datum|To|An|À|Subject|Betreff|Objet)\s*:/i;
const SIGNATURE = /^-- ?$/;

function startsHistory(lines: string[], index: number): boolean {
  const line = lines[index]!.trim();
  if (ATTRIBUTION.some((pattern) => pattern.test(line))) return true;
  // "On Mon, 9 Jan 2027 at 03:00, CSIRT <csirt@x>" wrapped onto a second line ending in "wrote:".
  if (/^On\s/i.test(line) && index + 1 < lines.length && /\bwrote:\s*$/i.test(lines[index + 1]!.trim())) return true;
  if (OUTLOOK_HEADER.test(line)) {
    const next = lines.slice(index + 1, index + 4).map((candidate) => candidate.trim());
    return next.some((candidate) => OUTLOOK_NEXT.test(candidate));
  }
  return false;
}

export function foldQuotedText(input: string): FoldedText {
  const lines = input.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    if (SIGNATURE.test(raw) || startsHistory(lines, index)) {
      end = index;
      break;
    }
  }
  const kept: string[] = [];
  const folded: string[] = [];
  // Quoted lines interleaved with the answer (bottom-posting) are folded one by one.
  for (const line of lines.slice(0, end)) (/^\s*>/.test(line) ? folded : kept).push(line);
  folded.push(...lines.slice(end));
  const text = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, folded: folded.join("\n").trim() };
}
