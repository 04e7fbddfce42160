import type { Db } from "@/lib/db/client";
import { MAIL_FOR_READING, withAuthentication } from "./mail-for-reading";

/** The mail received on one incident, oldest first, for analysts (staff only: callers check). */
export async function listIncidentMail(db: Db, { incidentId }: { incidentId: string }) {
  const rows = await db.inboundMail.findMany({
    where: { incidentId, state: "ATTACHED" },
    orderBy: { receivedAt: "asc" },
    take: 200,
    select: MAIL_FOR_READING,
  });
  return rows.map(withAuthentication);
}

export type IncidentMail = Awaited<ReturnType<typeof listIncidentMail>>[number];
