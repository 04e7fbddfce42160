import type { Db } from "@/lib/db/client";
import { MAIL_FOR_READING, withAuthentication } from "./mail-for-reading";

/** Mail waiting for an analyst: no incident of ours, or a sender who does not speak for the organisation. Newest first. */
export async function listUnmatchedMail(db: Db, { take = 100 }: { take?: number } = {}) {
  const [rows, total] = await Promise.all([
    db.inboundMail.findMany({
      where: { state: "UNMATCHED" },
      orderBy: { receivedAt: "desc" },
      take,
      select: { ...MAIL_FOR_READING, sizeBytes: true },
    }),
    db.inboundMail.count({ where: { state: "UNMATCHED" } }),
  ]);
  return {
    total,
    mail: rows.map(withAuthentication),
  };
}

export type UnmatchedMail = Awaited<ReturnType<typeof listUnmatchedMail>>["mail"][number];
