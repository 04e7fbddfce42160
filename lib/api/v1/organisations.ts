/** /api/v1/organisations: the member organisations with their address blocks and contacts (staff tokens). */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getOrganisationDetail } from "@/lib/orgs/get-organisation-detail";
import { searchOrganisations } from "@/lib/orgs/search-organisations";
import { defineOperation } from "../api-operation";
import { pageSchema } from "./shared";

const ZContactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["SECURITY", "ABUSE", "TECHNICAL", "ESCALATION"]),
  phone: z.string().nullable(),
  active: z.boolean(),
  undeliverable: z.boolean().describe("Mail to this address bounces hard."),
  pgpFingerprint: z.string().nullable(),
});

export const listOrganisations = defineOperation({
  id: "listOrganisations",
  method: "GET",
  path: "/organisations",
  tag: "Organisations",
  summary: "List organisations",
  description:
    "By name, slug, an IP address (the organisations whose blocks hold it) or a block (those overlapping it); 50 a page.",
  scope: "organisations:read",
  audiences: ["staff"],
  query: z.strictObject({ q: z.string().max(200).optional(), page: pageSchema }),
  responses: {
    200: {
      description: "One page of organisations.",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            slug: z.string(),
            active: z.boolean(),
            blocks: z.array(z.string()),
            activeContacts: z.number().int(),
            openIncidents: z.number().int(),
          }),
        ),
        page: z.number().int(),
        pageCount: z.number().int(),
        total: z.number().int(),
      }),
    },
  },
  handler: async ({ query }) => {
    const result = await searchOrganisations(db, { query: query.q, page: query.page });
    return {
      status: 200,
      body: {
        items: result.organisations.map(({ id, name, slug, active, blocks, activeContacts, openIncidents }) => ({
          id,
          name,
          slug,
          active,
          blocks,
          activeContacts: Number(activeContacts),
          openIncidents: Number(openIncidents),
        })),
        page: result.page,
        pageCount: result.pageCount,
        total: result.total,
      },
    };
  },
});

export const getOrganisation = defineOperation({
  id: "getOrganisation",
  method: "GET",
  path: "/organisations/{slug}",
  tag: "Organisations",
  summary: "Get one organisation",
  description: "With its address blocks and contacts (inactive ones too, marked).",
  scope: "organisations:read",
  audiences: ["staff"],
  params: z.strictObject({ slug: z.string().min(1).max(200) }),
  responses: {
    200: {
      description: "The organisation.",
      schema: z.object({
        id: z.uuid(),
        name: z.string(),
        slug: z.string(),
        country: z.string().nullable(),
        active: z.boolean(),
        timeZone: z.string(),
        notificationPolicy: z.enum(["AUTOMATIC", "HOLD_FOR_APPROVAL"]),
        blocks: z.array(z.object({ network: z.string(), description: z.string().nullable() })),
        contacts: z.array(ZContactSchema),
        incidentTotal: z.number().int(),
      }),
    },
  },
  handler: async ({ params }) => {
    const { organisation, incidentTotal } = await getOrganisationDetail(db, { slug: params.slug });
    return {
      status: 200,
      body: {
        id: organisation.id,
        name: organisation.name,
        slug: organisation.slug,
        country: organisation.country,
        active: organisation.active,
        timeZone: organisation.timeZone,
        notificationPolicy: organisation.notificationPolicy,
        blocks: organisation.blocks.map((block) => ({ network: block.network, description: block.description })),
        contacts: organisation.contacts.map((contact) => ({
          id: contact.id,
          name: contact.name,
          email: contact.email,
          role: contact.role,
          phone: contact.phone,
          active: contact.active,
          undeliverable: contact.undeliverableAt !== null,
          pgpFingerprint: contact.pgpFingerprint,
        })),
        incidentTotal,
      },
    };
  },
});
