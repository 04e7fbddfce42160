import type { Db } from "@/lib/db/client";
import { queueNotificationsInTx } from "./queue-incident-notifications";

/**
 * Incidents whose notice went out more than `afterHours` ago and that nobody has acknowledged
 * get one reminder per round, to their contacts and the escalation contact.
 */
export async function queueDueReminders(
  db: Db,
  { afterHours, now = new Date() }: { afterHours: number; now?: Date },
): Promise<number> {
  const sentBefore = new Date(now.getTime() - afterHours * 3600_000);
  const due = await db.$queryRaw<Array<{ id: string }>>`
    SELECT i.id FROM "Incident" i
    WHERE i.status = 'NOTIFIED' AND i."acknowledgedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Notification" n WHERE n."incidentId" = i.id AND n.round = i.round
                  AND n.purpose IN ('FIRST_NOTICE', 'UPDATE') AND n.state = 'SENT' AND n."sentAt" <= ${sentBefore})
      AND NOT EXISTS (SELECT 1 FROM "Notification" r WHERE r."incidentId" = i.id AND r.round = i.round AND r.purpose = 'REMINDER')`;
  let queued = 0;
  for (const { id } of due) {
    const result = await db.$transaction((tx) =>
      queueNotificationsInTx(tx, { incidentId: id, purpose: "REMINDER", actor: { label: "worker" }, automatic: true }),
    );
    queued += result.queued + result.held;
  }
  return queued;
}
