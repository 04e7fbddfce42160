/**
 * /api/v1/contact-requests: changes to an organisation's contacts asked for by its people.
 * Staff tokens read the pending ones; an organisation's token reads its own and asks for new ones.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { listOwnOrganisationContacts } from "@/lib/portal/list-own-organisations";
import {
  listPendingContactChanges,
  requestContactChange,
  ZContactChangeSchema,
} from "@/lib/portal/contact-change-requests";
import { defineOperation } from "../api-operation";

const ZContactRequestSchema = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.enum(["ADD_CONTACT", "REMOVE_CONTACT", "CHANGE_EMAIL"]),
  contactId: z.uuid().nullable(),
  details: z.record(z.string(), z.unknown()).describe("What the request asks for: name, email, role."),
  reason: z.string().nullable(),
  status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
  requestedBy: z.string(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
});

type Row = {
  id: string;
  organisationId: string;
  kind: "ADD_CONTACT" | "REMOVE_CONTACT" | "CHANGE_EMAIL";
  contactId: string | null;
  payload: unknown;
  reason: string | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
  requestedByLabel: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
};

function shown(row: Row, organisationName: string) {
  return {
    id: row.id,
    organisation: { id: row.organisationId, name: organisationName },
    kind: row.kind,
    contactId: row.contactId,
    details: (row.payload ?? {}) as Record<string, unknown>,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedByLabel,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
  };
}

export const listContactRequests = defineOperation({
  id: "listContactRequests",
  method: "GET",
  path: "/contact-requests",
  tag: "Contact change requests",
  summary: "List contact change requests",
  description:
    "Staff tokens: every pending request, oldest first. An organisation's token: its latest 20, newest first.",
  scope: "contact-requests:read",
  audiences: ["staff", "institution"],
  responses: {
    200: { description: "The requests.", schema: z.object({ items: z.array(ZContactRequestSchema) }) },
  },
  handler: async (_input, caller) => {
    if (caller.portal) {
      const organisations = await listOwnOrganisationContacts(db, {
        organisationIds: caller.portal.user.organisationIds,
      });
      const items = organisations.flatMap((organisation) =>
        organisation.changeRequests.map((row) => shown(row, organisation.name)),
      );
      return { status: 200, body: { items } };
    }
    const rows = await listPendingContactChanges(db);
    return { status: 200, body: { items: rows.map((row) => shown(row, row.organisation.name)) } };
  },
});

const [add, remove, changeEmail] = ZContactChangeSchema.options;

export const createContactRequest = defineOperation({
  id: "createContactRequest",
  method: "POST",
  path: "/contact-requests",
  tag: "Contact change requests",
  summary: "Ask for a contact change",
  description:
    "For the token's organisation: add a contact, remove one, or change one's address. Nothing changes until an analyst approves.",
  scope: "contact-requests:write",
  audiences: ["institution"],
  body: { kind: "json", schema: z.discriminatedUnion("kind", [add.strict(), remove.strict(), changeEmail.strict()]) },
  responses: {
    201: {
      description: "The request, pending.",
      schema: z.object({ id: z.uuid(), status: z.literal("PENDING") }),
    },
  },
  handler: async ({ body }, caller) => {
    const portal = caller.portal!;
    const request = await requestContactChange(db, {
      user: portal.user,
      organisationId: portal.user.organisationIds[0]!,
      change: body,
    });
    return { status: 201, body: { id: request.id, status: "PENDING" } };
  },
});
