import { simpleParser } from "mailparser";
import type { Db } from "@/lib/db/client";

/** The newest messages the dev mailbox caught, parsed for reading (staff only: callers check). */
export async function listDevMail(db: Db, { take = 50 }: { take?: number } = {}) {
  const mails = await db.devMail.findMany({ orderBy: { receivedAt: "desc" }, take });
  return Promise.all(
    mails.map(async (mail) => {
      const message = await simpleParser(Buffer.from(mail.raw), { skipHtmlToText: true });
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
        attachments: message.attachments.map((attachment) => ({ filename: attachment.filename ?? "unnamed", size: attachment.size })),
      };
    }),
  );
}
