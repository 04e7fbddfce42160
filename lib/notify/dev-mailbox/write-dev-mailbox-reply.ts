import MailComposer from "nodemailer/lib/mail-composer";
import { simpleParser } from "mailparser";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { addressOf } from "@/lib/mail/verp";
import { mailFrom } from "@/lib/notify/transport";

export const DEV_REPLY_MAX_CHARS = 10_000;

/**
 * The dev mailbox stands in for the recipient's mail program: a person answers a message the
 * product sent, as its recipient, and the answer lands in the dev mailbox addressed to the
 * CSIRT, with In-Reply-To/References and the quoted original as a mail program writes them.
 * The worker then reads it like mail from IMAP. Never for production (no SMTP_URL only).
 */
export async function writeDevMailboxReply(
  db: Db,
  { devMailId, text }: { devMailId: string; text: string },
): Promise<{ id: string }> {
  if (env().SMTP_URL)
    throw new AppError(
      "FORBIDDEN",
      "Replies are written on the dev mailbox page only while mail stays in the dev mailbox (no SMTP_URL).",
    );
  const body = text.trim();
  if (!body) throw new AppError("INVALID_INPUT", "Write the reply first.");
  if (body.length > DEV_REPLY_MAX_CHARS)
    throw new AppError(
      "INVALID_INPUT",
      `A reply can be at most ${DEV_REPLY_MAX_CHARS.toLocaleString("en-GB")} characters.`,
    );
  const original = await db.devMail.findUnique({ where: { id: devMailId } });
  if (!original || original.toCsirt) throw new AppError("NOT_FOUND", "That message is not one the product sent.");
  const recipient = original.envelopeTo[0];
  if (!recipient) throw new AppError("INVALID_INPUT", "That message has no recipient to answer as.");
  const parsed = await simpleParser(Buffer.from(original.raw));
  const references = [
    ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []),
    ...(parsed.messageId ? [parsed.messageId] : []),
  ];
  const quoted = (parsed.text ?? "")
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
  const subject = /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`;
  const raw = await new MailComposer({
    from: recipient,
    to: mailFrom(),
    subject,
    text: `${body}\n\nOn ${(parsed.date ?? original.receivedAt).toUTCString()}, ${parsed.from?.text ?? mailFrom()} wrote:\n${quoted}\n`,
    ...(parsed.messageId ? { inReplyTo: parsed.messageId } : {}),
    references,
    headers: { "X-Dev-Mailbox": "reply written on the dev mailbox page" },
  })
    .compile()
    .build();
  const row = await db.devMail.create({
    data: {
      messageId: null,
      envelopeFrom: recipient,
      envelopeTo: [addressOf(mailFrom())],
      subject,
      raw: new Uint8Array(raw),
      toCsirt: true,
    },
    select: { id: true },
  });
  return row;
}
