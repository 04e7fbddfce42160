/**
 * Reads PGP/MIME messages in tests as a receiving mail client would: the parts of a multipart
 * body exactly as sent (RFC 2046: the CRLF before a boundary belongs to the boundary).
 */
export function splitEntity(entity: string): { headers: string; body: string } {
  const end = entity.indexOf("\r\n\r\n");
  return { headers: entity.slice(0, end), body: entity.slice(end + 4) };
}

export function contentType(headers: string): string {
  return /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? "";
}

export function multipartParts(entity: string): string[] {
  const { headers, body } = splitEntity(entity);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (!boundary) throw new Error(`not a multipart entity: ${headers.slice(0, 200)}`);
  const delimiter = `\r\n--${boundary}`;
  const text = `\r\n${body}`;
  const parts: string[] = [];
  let at = text.indexOf(delimiter);
  while (at !== -1) {
    const start = text.indexOf("\r\n", at + delimiter.length) + 2;
    if (text.startsWith("--", at + delimiter.length)) break;
    const next = text.indexOf(delimiter, start);
    parts.push(text.slice(start, next === -1 ? undefined : next));
    at = next;
  }
  return parts;
}
