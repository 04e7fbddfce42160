import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { htmlToPlainText } from "./html-to-plain-text";
import { readDeliveryStatus, type DeliveryStatus } from "./delivery-status";
import { referencedMessageIds } from "./thread-keys";
import { addressOf } from "./verp";

export interface InboundAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** One incoming message as the rest of the code needs it: addresses, threading headers, text, files. */
export interface InboundMessage {
  messageId: string | null;
  from: { address: string; name: string | null };
  /** Every recipient address named in the headers (To, Cc, Delivered-To, X-Original-To). */
  recipients: string[];
  subject: string;
  sentAt: Date | null;
  inReplyTo: string | null;
  referencedIds: string[];
  /** The topmost Authentication-Results header: the one our receiving server wrote. */
  authResults: string | null;
  /** Header values the auto-reply rules look at, lower-cased names. */
  headers: Record<string, string>;
  /** Plain text; for HTML-only mail, the HTML converted to text (never kept as HTML). */
  text: string;
  htmlOnly: boolean;
  attachments: InboundAttachment[];
  deliveryStatus: DeliveryStatus | null;
}

const WATCHED_HEADERS = [
  "auto-submitted",
  "precedence",
  "x-autoreply",
  "x-autorespond",
  "list-id",
  "list-unsubscribe",
  "x-csirt-incident",
  "x-loop",
  "return-path",
];

function addressesIn(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects
    .flatMap((object) =>
      object.value.flatMap((entry) => (entry.group ?? [entry]).map((member) => member.address ?? "")),
    )
    .filter(Boolean);
}

function firstHeaderLine(parsed: ParsedMail, key: string): string | null {
  const line = parsed.headerLines.find((entry) => entry.key === key);
  return line
    ? line.line
        .slice(line.line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim()
    : null;
}

/** Parses raw RFC 5322 bytes. Throws on input mailparser cannot read at all (the caller records it as malformed). */
export async function readInboundMessage(raw: Buffer): Promise<InboundMessage> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true });
  const fromEntry = parsed.from?.value[0];
  const headers: Record<string, string> = {};
  for (const key of WATCHED_HEADERS) {
    const value = firstHeaderLine(parsed, key);
    if (value !== null) headers[key] = value;
  }
  const recipients = [
    ...addressesIn(parsed.to),
    ...addressesIn(parsed.cc),
    ...["delivered-to", "x-original-to", "envelope-to"].flatMap((key) =>
      parsed.headerLines
        .filter((entry) => entry.key === key)
        .map((entry) => addressOf(entry.line.slice(entry.line.indexOf(":") + 1))),
    ),
  ];
  // mailparser converts HTML only when it is the whole message; an HTML part beside attachments stays HTML.
  const htmlOnly = !parsed.text?.trim() && typeof parsed.html === "string";
  return {
    messageId: parsed.messageId?.trim() || null,
    from: { address: (fromEntry?.address ?? "").trim(), name: fromEntry?.name?.trim() || null },
    recipients,
    subject: (parsed.subject ?? "")
      .replace(/[\u0000-\u001f]+/g, " ")
      .trim()
      .slice(0, 500),
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    inReplyTo: parsed.inReplyTo?.trim() || null,
    referencedIds: referencedMessageIds({ inReplyTo: parsed.inReplyTo, references: parsed.references }),
    authResults: firstHeaderLine(parsed, "authentication-results"),
    headers,
    text: (htmlOnly ? htmlToPlainText(parsed.html as string) : (parsed.text ?? "")).replace(/\u0000/g, ""),
    htmlOnly,
    attachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition === "attachment" || Boolean(attachment.filename))
      .filter(
        (attachment) =>
          !/^(text\/rfc822-headers|message\/(rfc822|delivery-status|global-delivery-status))/i.test(
            attachment.contentType,
          ),
      )
      .map((attachment) => ({
        fileName: attachment.filename ?? "unnamed",
        contentType: attachment.contentType,
        content: attachment.content,
      })),
    deliveryStatus: readDeliveryStatus(raw),
  };
}
