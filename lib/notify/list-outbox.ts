import type { Db } from "@/lib/db/client";
import type { NotificationPurpose, NotificationState } from "@/lib/generated/prisma/enums";

export interface OutboxRow {
  id: string;
  reference: number;
  organisation: string;
  toAddress: string;
  purpose: NotificationPurpose;
  state: NotificationState;
  attempts: number;
  subject: string | null;
  lastError: string | null;
  smtpResponse: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
}

export async function listOutbox(
  db: Db,
  { state, incidentId, take = 100 }: { state?: NotificationState; incidentId?: string; take?: number },
): Promise<OutboxRow[]> {
  const rows = await db.notification.findMany({
    where: { ...(state ? { state } : {}), ...(incidentId ? { incidentId } : {}) },
    orderBy: { createdAt: "desc" },
    take,
    include: { incident: { select: { reference: true, organisation: { select: { name: true } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    reference: row.incident.reference,
    organisation: row.incident.organisation.name,
    toAddress: row.toAddress,
    purpose: row.purpose,
    state: row.state,
    attempts: row.attempts,
    subject: row.subject,
    lastError: row.lastError,
    smtpResponse: row.smtpResponse,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  }));
}

/** How many notifications are in each state (the outbox's filter counts). */
export async function countOutboxByState(db: Db): Promise<Map<NotificationState, number>> {
  const rows = await db.notification.groupBy({ by: ["state"], _count: { _all: true } });
  return new Map(rows.map((row) => [row.state, row._count._all]));
}
