import type { Db, Tx } from "@/lib/db/client";
import { subjectReference } from "./thread-keys";

export interface MailThread {
  incidentId: string;
  reference: number;
  organisationId: string;
  status: string;
  /** How the message was tied to the incident. */
  by: "message-id" | "subject-tag";
}

/**
 * The incident a message belongs to: first by the Message-IDs it answers (one of our notices or
 * messages, or a reply already on an incident), then by the "[CSIRT #ref]" tag in its subject.
 * A merged incident hands its mail to the incident it was merged into.
 */
export async function findMailThread(
  db: Db | Tx,
  { referencedIds, subject }: { referencedIds: string[]; subject: string },
): Promise<MailThread | null> {
  let incidentId: string | null = null;
  let by: MailThread["by"] = "message-id";
  if (referencedIds.length > 0) {
    const sent = await db.notification.findFirst({
      where: { messageId: { in: referencedIds } },
      select: { incidentId: true, messageId: true },
    });
    incidentId = sent?.incidentId ?? null;
    if (!incidentId) {
      const earlier = await db.inboundMail.findFirst({
        where: { messageId: { in: referencedIds }, state: "ATTACHED", incidentId: { not: null } },
        select: { incidentId: true },
      });
      incidentId = earlier?.incidentId ?? null;
    }
  }
  if (!incidentId) {
    const reference = subjectReference(subject);
    if (reference === null) return null;
    const tagged = await db.incident.findUnique({ where: { reference }, select: { id: true } });
    if (!tagged) return null;
    incidentId = tagged.id;
    by = "subject-tag";
  }
  for (let hops = 0; hops < 5 && incidentId; hops += 1) {
    const incident: {
      id: string;
      reference: number;
      organisationId: string;
      status: string;
      mergedIntoId: string | null;
    } | null = await db.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, reference: true, organisationId: true, status: true, mergedIntoId: true },
    });
    if (!incident) return null;
    if (!incident.mergedIntoId)
      return {
        incidentId: incident.id,
        reference: incident.reference,
        organisationId: incident.organisationId,
        status: incident.status,
        by,
      };
    incidentId = incident.mergedIntoId;
  }
  return null;
}

/** Whether the sender speaks for the organisation: an active contact, or an active institution user who is a member. */
export async function findOrganisationSender(
  db: Db | Tx,
  { organisationId, address }: { organisationId: string; address: string },
): Promise<{ contactId: string | null; label: string } | null> {
  const email = address.trim().toLowerCase();
  if (!email) return null;
  const contact = await db.contact.findFirst({
    where: {
      organisationId,
      active: true,
      email: { equals: email, mode: "insensitive" },
      organisation: { active: true },
    },
    select: { id: true, email: true },
  });
  if (contact) return { contactId: contact.id, label: contact.email };
  const member = await db.user.findFirst({
    where: {
      email,
      active: true,
      role: "INSTITUTION",
      memberships: { some: { organisationId, organisation: { active: true } } },
    },
    select: { email: true },
  });
  return member ? { contactId: null, label: member.email } : null;
}
