import type { Db } from "@/lib/db/client";
import { summariseAuthenticationResults } from "./authentication-results";

/** Mail waiting for an analyst: no incident of ours, or a sender who does not speak for the organisation. Newest first. */
export async function listUnmatchedMail(db: Db, { take = 100 }: { take?: number } = {}) {
  const [rows, total] = await Promise.all([
    db.inboundMail.findMany({
      where: { state: "UNMATCHED" },
      orderBy: { receivedAt: "desc" },
      take,
      select: {
        id: true,
        kind: true,
        fromAddress: true,
        fromName: true,
        subject: true,
        receivedAt: true,
        text: true,
        foldedText: true,
        authResults: true,
        note: true,
        attachments: true,
        sizeBytes: true,
      },
    }),
    db.inboundMail.count({ where: { state: "UNMATCHED" } }),
  ]);
  return {
    total,
    mail: rows.map((row) => ({ ...row, authentication: summariseAuthenticationResults(row.authResults) })),
  };
}

export type UnmatchedMail = Awaited<ReturnType<typeof listUnmatchedMail>>["mail"][number];
