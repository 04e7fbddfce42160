import type { Db } from "@/lib/db/client";
import { recordInboundMail, type InboundOutcome } from "./record-inbound-mail";

/**
 * The embedded setup's inbox: messages the dev mailbox caught for the CSIRT itself (replies
 * written on the dev mailbox page, bounces to our return paths) are read like IMAP mail, once.
 */
export async function pickUpDevMailboxMail(
  db: Db,
  { batch = 50 }: { batch?: number } = {},
): Promise<Record<InboundOutcome, number>> {
  const tally: Record<InboundOutcome, number> = { attached: 0, unmatched: 0, recorded: 0, duplicate: 0 };
  const waiting = await db.devMail.findMany({
    where: { toCsirt: true, pickedUpAt: null },
    orderBy: { receivedAt: "asc" },
    take: batch,
    select: { id: true, raw: true },
  });
  for (const mail of waiting) {
    const result = await recordInboundMail(db, { raw: Buffer.from(mail.raw), source: "DEV_MAILBOX" });
    tally[result.outcome] += 1;
    await db.devMail.update({ where: { id: mail.id }, data: { pickedUpAt: new Date() } });
  }
  return tally;
}
