/**
 * Delivery status notifications (RFC 3464): the machine-readable part of a bounce, found in
 * the raw message and read field by field. Pure: no I/O.
 */
export interface RecipientStatus {
  finalRecipient: string | null;
  action: string;
  /** "5.1.1"; the first digit tells hard (5) from soft (4). */
  status: string;
  diagnostic: string | null;
}

export interface DeliveryStatus {
  reportingMta: string | null;
  recipients: RecipientStatus[];
  /** The Message-ID of the message that bounced, when the report includes its headers. */
  originalMessageId: string | null;
}

/** "Name: value" blocks separated by blank lines; continuation lines join their field. */
function fieldGroups(text: string): Array<Map<string, string>> {
  const groups: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") {
      if (current.size) groups.push(current);
      current = new Map();
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!current.has(last)) current.set(last, line.slice(colon + 1).trim());
  }
  if (current.size) groups.push(current);
  return groups;
}

function afterType(value: string | undefined): string | null {
  if (!value) return null;
  const semicolon = value.indexOf(";");
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim() || null;
}

interface MimePart {
  headers: string;
  body: string;
}

function boundaryOf(headers: string): string | null {
  const match = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(headers.replace(/\r?\n[ \t]+/g, " "));
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function splitHead(text: string): MimePart {
  const normal = text.replace(/\r\n?/g, "\n");
  const blank = normal.indexOf("\n\n");
  return blank < 0 ? { headers: normal, body: "" } : { headers: normal.slice(0, blank), body: normal.slice(blank + 2) };
}

/** Every leaf part of a multipart message, depth-first (nesting at most 5 deep). */
function leafParts(part: MimePart, depth = 0): MimePart[] {
  const boundary = /content-type:\s*multipart\//i.test(part.headers) ? boundaryOf(part.headers) : null;
  if (!boundary || depth > 5) return [part];
  const pieces = part.body
    .split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*$`, "m"))
    .slice(1, -1);
  return pieces.flatMap((piece) => leafParts(splitHead(piece.replace(/^\n/, "")), depth + 1));
}

function decodeBody(part: MimePart): string {
  if (/content-transfer-encoding:\s*base64/i.test(part.headers))
    return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(part.headers)) {
    return part.body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return part.body;
}

/** The report in a raw message, or null when it is not a delivery status notification. */
export function readDeliveryStatus(raw: Buffer | string): DeliveryStatus | null {
  const top = splitHead(typeof raw === "string" ? raw : raw.toString("latin1"));
  if (!/content-type:\s*multipart\/report/i.test(top.headers.replace(/\r?\n[ \t]+/g, " "))) return null;
  const parts = leafParts(top);
  const report = parts.find((part) => /content-type:\s*message\/(global-)?delivery-status/i.test(part.headers));
  if (!report) return null;
  const [perMessage, ...perRecipient] = fieldGroups(decodeBody(report));
  const recipients = perRecipient
    .filter((group) => group.has("action") || group.has("status"))
    .map((group) => ({
      finalRecipient: afterType(group.get("final-recipient"))?.replace(/^<|>$/g, "") ?? null,
      action: (group.get("action") ?? "").toLowerCase(),
      status: (/\d\.\d{1,3}\.\d{1,3}/.exec(group.get("status") ?? "")?.[0] ?? "").trim(),
      diagnostic: afterType(group.get("diagnostic-code"))?.slice(0, 1000) ?? null,
    }));
  const original = parts.find((part) => /content-type:\s*(text\/rfc822-headers|message\/rfc822)/i.test(part.headers));
  const originalMessageId = original ? (/^message-id:\s*(<[^>\s]+>)/im.exec(decodeBody(original))?.[1] ?? null) : null;
  return { reportingMta: afterType(perMessage?.get("reporting-mta")), recipients, originalMessageId };
}

/** Hard: the address refused the message for good. Soft: delayed or temporarily refused. */
export function bounceSeverity(recipient: RecipientStatus): "hard" | "soft" | "none" {
  if (recipient.action === "failed" || recipient.status.startsWith("5"))
    return recipient.status.startsWith("4") ? "soft" : "hard";
  if (recipient.action === "delayed" || recipient.status.startsWith("4")) return "soft";
  return "none";
}
