import type { Db } from "@/lib/db/client";
import { summariseAuthenticationResults } from "./authentication-results";

/** The mail received on one incident, oldest first, for analysts (staff only: callers check). */
export async function listIncidentMail(db: Db, { incidentId }: { incidentId: string }) {
  const rows = await db.inboundMail.findMany({
    where: { incidentId, state: "ATTACHED" },
    orderBy: { receivedAt: "asc" },
    take: 200,
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
    },
  });
  return rows.map((row) => ({ ...row, authentication: summariseAuthenticationResults(row.authResults) }));
}

export type IncidentMail = Awaited<ReturnType<typeof listIncidentMail>>[number];
