import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/guards";
import { endContactAccess } from "@/lib/auth/session-access";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CLEAN_DELIVERY_RECORD } from "@/lib/orgs/update-contact";

export const ZContactChangeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ADD_CONTACT"),
    name: z
      .string()
      .trim()
      .min(1, "Give the contact's name.")
      .max(200)
      .regex(/^[^\r\n]*$/, "One line, please."),
    email: z
      .email("Enter a valid e-mail address.")
      .max(320)
      .transform((value) => value.toLowerCase()),
    role: z.enum(["SECURITY", "ABUSE", "TECHNICAL", "ESCALATION"]),
    reason: z.string().trim().max(1000).optional(),
  }),
  z.object({ kind: z.literal("REMOVE_CONTACT"), contactId: z.uuid(), reason: z.string().trim().max(1000).optional() }),
  z.object({
    kind: z.literal("CHANGE_EMAIL"),
    contactId: z.uuid(),
    email: z
      .email("Enter a valid e-mail address.")
      .max(320)
      .transform((value) => value.toLowerCase()),
    reason: z.string().trim().max(1000).optional(),
  }),
]);

export type TContactChange = z.infer<typeof ZContactChangeSchema>;

/** An institution user asks for a contact change in one of their organisations; nothing changes until an analyst approves. */
export async function requestContactChange(
  db: Db,
  { user, organisationId, change }: { user: CurrentUser; organisationId: string; change: TContactChange },
) {
  if (user.role !== "INSTITUTION" || !user.organisationIds.includes(organisationId))
    throw new AppError("NOT_FOUND", "No such organisation.");
  if ("contactId" in change) {
    const contact = await db.contact.findFirst({ where: { id: change.contactId, organisationId } });
    if (!contact) throw new AppError("NOT_FOUND", "No such contact in your organisation.");
  }
  const { kind, reason, ...payload } = change;
  const request = await db.contactChangeRequest.create({
    data: {
      organisationId,
      kind,
      contactId: "contactId" in change ? change.contactId : null,
      payload,
      reason: reason || null,
      requestedById: user.id,
      requestedByLabel: user.email,
    },
  });
  await recordAudit(db, {
    actor: { id: user.id, label: user.email },
    action: "contacts.change_requested",
    target: { type: "ContactChangeRequest", id: request.id },
    organisationId,
    data: { kind },
  });
  return request;
}

/** An analyst approves (and the change is made) or rejects a pending request. */
export async function decideContactChange(
  db: Db,
  { requestId, approve, note, actor }: { requestId: string; approve: boolean; note?: string; actor: AuditActor },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const request = await tx.contactChangeRequest.findUnique({ where: { id: requestId } });
    if (!request) throw new AppError("NOT_FOUND", "No such request.");
    if (request.status !== "PENDING")
      throw new AppError("CONFLICT", `This request was already ${request.status.toLowerCase()}.`);
    if (approve) {
      const payload = request.payload as {
        name?: string;
        email?: string;
        role?: "SECURITY" | "ABUSE" | "TECHNICAL" | "ESCALATION";
      };
      if (request.kind === "ADD_CONTACT") {
        await tx.contact.upsert({
          where: { organisationId_email: { organisationId: request.organisationId, email: payload.email! } },
          create: {
            organisationId: request.organisationId,
            name: payload.name!,
            email: payload.email!,
            role: payload.role ?? "SECURITY",
          },
          update: { active: true, name: payload.name!, role: payload.role ?? "SECURITY" },
        });
      } else if (request.kind === "REMOVE_CONTACT") {
        const removed = await tx.contact.update({ where: { id: request.contactId! }, data: { active: false } });
        await endContactAccess(tx, { organisationId: request.organisationId, email: removed.email });
      } else {
        const before = await tx.contact.findUniqueOrThrow({
          where: { id: request.contactId! },
          select: { email: true },
        });
        await tx.contact.update({
          where: { id: request.contactId! },
          data: { email: payload.email!, ...CLEAN_DELIVERY_RECORD },
        });
        if (before.email !== payload.email)
          await endContactAccess(tx, { organisationId: request.organisationId, email: before.email });
      }
    }
    await tx.contactChangeRequest.update({
      where: { id: requestId },
      data: {
        status: approve ? "APPROVED" : "REJECTED",
        decidedById: actor.id ?? null,
        decidedAt: new Date(),
        decisionNote: note || null,
      },
    });
    await recordAudit(tx as never, {
      actor,
      action: approve ? "contacts.change_approved" : "contacts.change_rejected",
      target: { type: "ContactChangeRequest", id: requestId },
      organisationId: request.organisationId,
    });
  });
}

/** Pending requests, oldest first, each with the contact it is about (removals and e-mail changes name one). */
export async function listPendingContactChanges(db: Db) {
  const requests = await db.contactChangeRequest.findMany({
    where: { status: "PENDING" },
    orderBy: { createdAt: "asc" },
    include: { organisation: { select: { name: true, slug: true } } },
  });
  const contactIds = requests.flatMap((request) => (request.contactId ? [request.contactId] : []));
  const contacts = await db.contact.findMany({
    where: { id: { in: contactIds } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  return requests.map((request) => ({
    ...request,
    contact: request.contactId ? (byId.get(request.contactId) ?? null) : null,
  }));
}
