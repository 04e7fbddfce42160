/**
 * /api/v1/incidents/.../export: incidents as a MISP event or a STIX 2.1 bundle. TLP 2.0 is
 * enforced by the loader: a staff token exports for sharing (no TLP:RED, no TLP:AMBER+STRICT);
 * an organisation's token exports its own incidents to itself (no TLP:RED).
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { exportDownload } from "@/lib/exchange/export-document";
import { EXPORT_FORMATS } from "@/lib/exchange/export-incident";
import {
  type ExportAudience,
  loadIncidentForExport,
  loadIncidentsForExport,
  MAX_EXPORT_INCIDENTS,
} from "@/lib/exchange/load-export-incidents";
import { type ApiCaller, defineOperation } from "../api-operation";
import { queueQueryOf, ZIncidentFilterSchema, ZReferenceParamsSchema } from "./incidents";

const ZFormatSchema = z.enum(EXPORT_FORMATS).describe("misp: a MISP event (core format); stix: a STIX 2.1 bundle.");

const audienceOf = (caller: ApiCaller): ExportAudience =>
  caller.portal ? { kind: "organisation", organisationIds: caller.portal.user.organisationIds } : { kind: "sharing" };

const ZMispEventSchema = z.looseObject({
  Event: z.looseObject({
    uuid: z.uuid(),
    info: z.string(),
    date: z.string(),
    threat_level_id: z.string(),
    analysis: z.string(),
    distribution: z.string(),
    Tag: z
      .array(z.object({ name: z.string() }))
      .describe("The TLP 2.0 tag: tlp:clear, tlp:green, tlp:amber, tlp:amber+strict."),
    Attribute: z.array(z.looseObject({ uuid: z.uuid(), type: z.string(), category: z.string(), value: z.string() })),
    Object: z.array(z.looseObject({ uuid: z.uuid(), name: z.string() })),
  }),
});

const ZExportSchema = z.union([
  ZMispEventSchema.describe("format=misp, one incident"),
  z.object({ response: z.array(ZMispEventSchema) }).describe("format=misp, a set"),
  z
    .object({
      type: z.literal("bundle"),
      id: z.string(),
      objects: z.array(z.looseObject({ type: z.string(), id: z.string() })),
    })
    .describe("format=stix"),
]);

const FILE = {
  description: "The export, as a file to download (Content-Disposition: attachment).",
  schema: ZExportSchema,
  mediaTypes: ["application/json", "application/stix+json"],
};

export const exportIncident = defineOperation({
  id: "exportIncident",
  method: "GET",
  path: "/incidents/{reference}/export",
  tag: "Exchange",
  summary: "Export one incident (MISP or STIX 2.1)",
  description:
    '`format=misp`: `{"Event": …}` with the tlp:* tag, ip-src, an ip-port object (dst-port, first-seen, last-seen) and ' +
    "the log sample as an attachment. `format=stix`: a bundle (identity, TLP 2.0 marking-definition, address, " +
    "network-traffic, artifact, observed-data, indicator, sighting). Ids are stable across exports. A TLP:RED incident is " +
    "refused (403 tlp-restricted); TLP:AMBER+STRICT only to its own organisation's token.",
  scope: "incidents:export",
  audiences: ["staff", "institution"],
  params: ZReferenceParamsSchema,
  query: z.strictObject({ format: ZFormatSchema }),
  problems: [403],
  responses: { 200: FILE },
  handler: async ({ params, query }, caller) => {
    const incident = await loadIncidentForExport(db, { reference: params.reference, audience: audienceOf(caller) });
    return exportDownload(query.format, [incident], { name: `csirt-${incident.reference}`, single: true });
  },
});

export const exportIncidents = defineOperation({
  id: "exportIncidents",
  method: "GET",
  path: "/incidents/export",
  tag: "Exchange",
  summary: "Export incidents by the queue's filters (MISP or STIX 2.1)",
  description:
    `The list's filters; newest activity first, at most ${MAX_EXPORT_INCIDENTS} incidents (\`X-Export-Truncated: true\` ` +
    "when more matched). Incidents the caller may not export are left out: TLP:RED always, TLP:AMBER+STRICT for staff " +
    'tokens. `format=misp` answers `{"response": [{"Event": …}, …]}`; `format=stix` one bundle.',
  scope: "incidents:export",
  audiences: ["staff", "institution"],
  query: ZIncidentFilterSchema.extend({ format: ZFormatSchema }),
  responses: { 200: FILE },
  handler: async ({ query: input }, caller) => {
    const { format, ...filters } = input;
    const { incidents, more } = await loadIncidentsForExport(db, {
      query: await queueQueryOf(filters, caller),
      audience: audienceOf(caller),
    });
    const response = exportDownload(format, incidents, { name: "csirt-incidents", single: false });
    if (more) response.headers.set("X-Export-Truncated", "true");
    return response;
  },
});
