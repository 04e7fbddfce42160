import { simpleParser } from "mailparser";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface DevMailView {
  id: string;
  subject: string;
  envelopeTo: string[];
  receivedAt: Date;
  /** A reply written to the CSIRT from this mailbox (the worker reads it like mail from IMAP). */
  toCsirt: boolean;
  pickedUpAt: Date | null;
  from: string;
  inReplyTo: string | null;
  text: string;
  attachments: Array<{ index: number; fileName: string; size: number }>;
}

/** The newest mail the dev mailbox caught, parsed for reading (staff only: callers check): its text, what is attached (names and sizes), and whether it is a reply to the CSIRT. */
export async function listDevMail(db: Db, { take = 50 }: { take?: number } = {}): Promise<DevMailView[]> {
  const mails = await db.devMail.findMany({ orderBy: { receivedAt: "desc" }, take });
  return Promise.all(
    mails.map(async (mail) => {
      const message = await simpleParser(Buffer.from(mail.raw));
      return {
        id: mail.id,
        subject: mail.subject,
        envelopeTo: mail.envelopeTo,
        receivedAt: mail.receivedAt,
        toCsirt: mail.toCsirt,
        pickedUpAt: mail.pickedUpAt,
        from: message.from?.text ?? mail.envelopeFrom,
        inReplyTo: message.inReplyTo ?? null,
        text: message.text ?? "",
        attachments: message.attachments.map((attachment, index) => ({
          index,
          fileName: attachment.filename ?? `attachment-${index + 1}`,
          size: attachment.size,
        })),
      };
    }),
  );
}

/** One attachment of a caught mail, byte for byte as it was sent. */
export async function getDevMailAttachment(
  db: Db,
  { mailId, index }: { mailId: string; index: number },
): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const mail = await db.devMail.findUnique({ where: { id: mailId }, select: { raw: true } });
  const attachment = mail ? (await simpleParser(Buffer.from(mail.raw))).attachments[index] : undefined;
  if (!attachment) throw new AppError("NOT_FOUND", "No such attachment.");
  return {
    fileName: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType || "application/octet-stream",
    content: new Uint8Array(attachment.content),
  };
}
