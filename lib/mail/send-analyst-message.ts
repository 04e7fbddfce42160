import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { messageIdDomain } from "@/lib/notify/queue-incident-notifications";

export const MESSAGE_LIMITS = { subject: 200, body: 10_000 } as const;
const SITE_ROLES = ["SECURITY", "ABUSE", "TECHNICAL"] as const;

/**
 * An analyst writes to the organisation's contacts (or one of them) from the incident page.
 * The message goes through the outbox like every notice (same exactly-once delivery), threaded
 * under the incident's earlier messages (References / In-Reply-To), and shows on the portal
 * once sent.
 */
export async function sendAnalystMessage(
  db: Db,
  {
    incidentId,
    contactId,
    subject,
    body,
    actor,
    context,
  }: {
    incidentId: string;
    contactId?: string | null;
    subject: string;
    body: string;
    actor: AuditActor;
    context?: AuditContext;
  },
): Promise<{ queued: number; recipients: string[] }> {
  const text = body.trim();
  const title = subject.replace(/[\r\n]+/g, " ").trim();
  if (!text) throw new AppError("INVALID_INPUT", "Write the message first.");
  if (text.length > MESSAGE_LIMITS.body)
    throw new AppError(
      "INVALID_INPUT",
      `A message can be at most ${MESSAGE_LIMITS.body.toLocaleString("en-GB")} characters.`,
    );
  if (title.length > MESSAGE_LIMITS.subject)
    throw new AppError("INVALID_INPUT", `A subject can be at most ${MESSAGE_LIMITS.subject} characters.`);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, reference: true, round: true, organisationId: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", "No such incident.");
    const contacts = await tx.contact.findMany({
      where: {
        organisationId: incident.organisationId,
        active: true,
        ...(contactId ? { id: contactId } : { role: { in: [...SITE_ROLES] }, undeliverableAt: null }),
      },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true },
    });
    if (contacts.length === 0)
      throw new AppError(
        "INVALID_INPUT",
        contactId
          ? "That contact is not an active contact of this organisation."
          : "The organisation has no active contact to write to.",
      );
    const [sent, received] = await Promise.all([
      tx.notification.findMany({
        where: { incidentId, state: { in: ["SENT", "BOUNCED"] } },
        select: { messageId: true, sentAt: true, subject: true, purpose: true },
        orderBy: { sentAt: "asc" },
      }),
      tx.inboundMail.findMany({
        where: { incidentId, state: "ATTACHED", messageId: { not: null } },
        select: { messageId: true, receivedAt: true },
      }),
    ]);
    const references = [
      ...sent.map((row) => ({ id: row.messageId, at: row.sentAt ?? new Date(0) })),
      ...received.map((row) => ({ id: row.messageId!, at: row.receivedAt })),
    ]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((row) => row.id)
      .slice(-20);
    const tag = `[CSIRT #${incident.reference}]`;
    // Unless the analyst gives one, the thread's own subject: the first notice's.
    const threadSubject = sent
      .find((row) => row.purpose !== "MESSAGE" && row.subject?.includes(tag))
      ?.subject?.replace(/^(re:\s*)+/i, "");
    const finalSubject = title
      ? title.includes(tag)
        ? title
        : `${title} ${tag}`
      : `Re: ${threadSubject ?? `${tag} About incident #${incident.reference}`}`;
    const batch = randomUUID();
    const domain = messageIdDomain();
    const rows = contacts.map((contact) => {
      const id = randomUUID();
      return {
        id,
        incidentId,
        contactId: contact.id,
        toAddress: contact.email,
        purpose: "MESSAGE" as const,
        round: incident.round,
        batch,
        subject: finalSubject,
        body: text,
        references,
        state: "QUEUED" as const,
        messageId: `<${id}@${domain}>`,
      };
    });
    await tx.notification.createMany({ data: rows });
    await recordAudit(tx, {
      actor,
      context,
      action: "incident.message",
      organisationId: incident.organisationId,
      target: { type: "Incident", id: incidentId },
      data: {
        reference: incident.reference,
        recipients: contacts.map((contact) => contact.email),
        subject: finalSubject,
      },
    });
    return { queued: rows.length, recipients: contacts.map((contact) => contact.email) };
  });
}
