/**
 * What ties an incoming message to an incident: the Message-IDs it answers (In-Reply-To,
 * References) and the "[CSIRT #123]" tag our subjects carry. Pure: no I/O.
 */
const MESSAGE_ID = /<[^<>\s]{1,250}>/g;

/** Message-IDs named in In-Reply-To and References, most specific first (In-Reply-To, then References newest first). */
export function referencedMessageIds({
  inReplyTo,
  references,
}: {
  inReplyTo?: string | null;
  references?: string | string[] | null;
}): string[] {
  const fromReply = (inReplyTo ?? "").match(MESSAGE_ID) ?? [];
  const referenceText = Array.isArray(references) ? references.join(" ") : (references ?? "");
  const fromReferences = (referenceText.match(MESSAGE_ID) ?? []).reverse();
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const id of [...fromReply, ...fromReferences]) {
    if (seen.has(id) || ids.length >= 50) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/** Incident references tagged in a subject ("Re: [CSIRT #12] SSH scan" → 12); the first tag wins. */
export function subjectReference(subject: string | null | undefined): number | null {
  const match = /\[\s*CSIRT\s*#\s*(\d{1,9})\s*\]/i.exec(subject ?? "");
  return match ? Number(match[1]) : null;
}

/** Mail addresses compare case-insensitively in practice (the local part too, at every provider we deal with). */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}
