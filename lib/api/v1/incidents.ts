/**
 * /api/v1/incidents: the queue, one incident, its timeline and files, and the changes analysts
 * make (status, assignee, note). Staff tokens see every incident; an organisation's token sees its
 * own (the portal's functions, scoped by `incidentScope`, or the organisation in the WHERE clause).
 */
import { z } from "zod";
import { IncidentStatus, IncidentType, Severity } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { calendarDaySchema } from "@/lib/api/v1/shared";
import { fileDownload } from "@/lib/http/file-response";
import { addIncidentNote, MAX_NOTE_LENGTH } from "@/lib/incidents/add-incident-note";
import { assignIncident } from "@/lib/incidents/assign-incident";
import { findIncidentId } from "@/lib/incidents/find-incident-id";
import { getEvidenceDownload } from "@/lib/incidents/get-evidence-download";
import { getIncidentDetail } from "@/lib/incidents/get-incident-detail";
import { parseIncidentQuery, parseIncidentSearch, SEARCH_HELP } from "@/lib/incidents/incident-query";
import { MAX_INCIDENT_REFERENCE } from "@/lib/incidents/incident-reference";
import { incidentsCsvResponse, incidentsCsvStream } from "@/lib/incidents/incidents-csv";
import { type IncidentListPosition, listIncidentsAfter } from "@/lib/incidents/list-incidents-after";
import { MAX_REASON_LENGTH, transitionIncident } from "@/lib/incidents/transition-incident";
import { findOrganisationChoice } from "@/lib/orgs/organisation-choices";
import { acknowledgeIncident, getPortalEvidence, getPortalIncident } from "@/lib/portal/portal-incidents";
import { effectiveTlp, tlpLabel, ZTlpSchema } from "@/lib/tlp/tlp";
import { TlpRefusal } from "@/lib/exchange/load-export-incidents";
import { type ApiCaller, defineOperation } from "../api-operation";
import { ApiProblem } from "../problem";

const BOTH = ["staff", "institution"] as const;
const STAFF = ["staff"] as const;

export const ZReferenceParamsSchema = z.strictObject({
  reference: z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .refine((value) => value >= 1 && value <= MAX_INCIDENT_REFERENCE)
    .describe("The incident's reference number (#1234 is 1234)."),
});

const ZOrganisationRefSchema = z.object({ id: z.uuid(), name: z.string() });
const ZPersonSchema = z.object({ id: z.uuid(), name: z.string() });

export const ZIncidentSummarySchema = z.object({
  reference: z.number().int(),
  id: z.uuid(),
  type: z.enum(IncidentType),
  status: z.enum(IncidentStatus),
  severity: z.enum(Severity),
  tlp: ZTlpSchema.describe("TLP 2.0 marking (AMBER_STRICT is TLP:AMBER+STRICT): who the incident may be shared with."),
  sourceIp: z.string(),
  port: z.number().int().nullable(),
  flowCount: z.number().int(),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  summary: z.string(),
  organisation: ZOrganisationRefSchema,
  assignee: ZPersonSchema.nullable().describe("Staff tokens only; null for an organisation's token."),
  needsAttention: z
    .boolean()
    .nullable()
    .describe("The institution acted since an analyst last looked. Staff tokens only; null otherwise."),
});

const ZEvidenceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["FLOW_SAMPLE", "FLOW_LIST", "THIRD_PARTY_LOG", "FILE"]),
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  createdAt: z.iso.datetime(),
  tlp: ZTlpSchema.describe("The file's marking: the incident's, or its own when stricter."),
  downloadUrl: z.string(),
});

export const ZIncidentDetailSchema = ZIncidentSummarySchema.extend({
  protocol: z.string(),
  distinctTargets: z.number().int(),
  evidence: z.array(ZEvidenceSchema),
  timelineUrl: z.string(),
});

const ZTimelineEntrySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  at: z.iso.datetime(),
  actorKind: z.enum(["SYSTEM", "STAFF", "INSTITUTION"]).nullable().describe("Staff tokens only."),
  actor: z.string().describe("Who acted, as the caller is shown it."),
  message: z.string(),
  visibleToInstitution: z.boolean(),
});

const OPEN = ["NEW", "NOTIFIED", "ACKNOWLEDGED", "REOPENED"] as const;

/** The queue's filters as the API takes them (list and set export). */
export const ZIncidentFilterSchema = z.strictObject({
  status: z
    .string()
    .regex(/^(open|all|[A-Z,]+)$/, "Give open, all, or statuses separated by commas.")
    .refine(
      (value) => ["open", "all"].includes(value) || value.split(",").every((status) => status in IncidentStatus),
      `Statuses are ${Object.values(IncidentStatus).join(", ")} (or open, all).`,
    )
    .optional()
    .describe("open (the default: NEW, NOTIFIED, ACKNOWLEDGED, REOPENED), all, or statuses separated by commas."),
  attention: z.enum(["true", "false"]).optional().describe("true: only incidents the institution acted on since."),
  type: z.enum(IncidentType).optional(),
  org: z.string().min(1).max(200).optional().describe("An organisation's slug, id or name (staff tokens)."),
  assignee: z
    .union([z.literal("unassigned"), z.uuid()])
    .optional()
    .describe("A staff member's id, or unassigned (staff tokens)."),
  run: z.uuid().optional().describe("An ingest run's id: the incidents it raised or updated."),
  from: calendarDaySchema.optional().describe("Last seen on or after this UTC day (YYYY-MM-DD)."),
  to: calendarDaySchema.optional().describe("Last seen on or before this UTC day (YYYY-MM-DD)."),
  q: z
    .string()
    .max(200)
    .refine((value) => parseIncidentSearch(value).kind !== "invalid", SEARCH_HELP)
    .optional()
    .describe(SEARCH_HELP),
});

const ZIncidentListQuerySchema = ZIncidentFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page."),
});

/** The CSV export takes the list's filters; it has no pages. */
const ZIncidentExportQuerySchema = ZIncidentListQuerySchema.omit({ limit: true, cursor: true });

function encodeCursor(position: IncidentListPosition): string {
  return Buffer.from(JSON.stringify([position.lastSeen.toISOString(), position.reference])).toString("base64url");
}

function decodeCursor(cursor: string): IncidentListPosition {
  const invalid = new ApiProblem("invalid-input", 422, "The request is not valid.", [
    { pointer: "#/query/cursor", detail: "Use the nextCursor of a previous page as it was given." },
  ]);
  try {
    const [at, reference] = z
      .tuple([z.iso.datetime(), z.number().int().min(1)])
      .parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { lastSeen: new Date(at), reference };
  } catch {
    throw invalid;
  }
}

function staffOnly(caller: ApiCaller, field: string, value: unknown) {
  if (value !== undefined && caller.token.audience !== "staff")
    throw new ApiProblem("invalid-input", 422, "The request is not valid.", [
      { pointer: `#/query/${field}`, detail: `"${field}" is for the CSIRT's own tokens.` },
    ]);
}

/** The queue's query from the API's filters; the staff-only filters refused for an organisation's token. */
export async function queueQueryOf(input: z.output<typeof ZIncidentFilterSchema>, caller: ApiCaller) {
  staffOnly(caller, "assignee", input.assignee);
  staffOnly(caller, "org", input.org);
  staffOnly(caller, "run", input.run);
  const { query } = parseIncidentQuery({
    status: input.status === "open" || input.status === undefined ? OPEN.join(",") : input.status,
    attention: input.attention,
    type: input.type,
    assignee: input.assignee,
    run: input.run,
    from: input.from,
    to: input.to,
    q: input.q,
  });
  if (input.org) {
    const organisation = await findOrganisationChoice(db, input.org);
    if (!organisation) throw new AppError("NOT_FOUND", `No organisation is called "${input.org}".`);
    query.organisationId = organisation.id;
  }
  return query;
}

export const listIncidents = defineOperation({
  id: "listIncidents",
  method: "GET",
  path: "/incidents",
  tag: "Incidents",
  summary: "List incidents",
  description:
    "The queue's filters, newest activity first (last seen, then reference), in pages of `limit`. " +
    "Pass `nextCursor` as `cursor` for the next page; it is null on the last page. An organisation's token lists its own incidents.",
  scope: "incidents:read",
  audiences: BOTH,
  query: ZIncidentListQuerySchema,
  responses: {
    200: {
      description: "One page of incidents.",
      schema: z.object({ items: z.array(ZIncidentSummarySchema), nextCursor: z.string().nullable() }),
    },
  },
  handler: async ({ query: input }, caller) => {
    const query = await queueQueryOf(input, caller);
    const { rows, next } = await listIncidentsAfter(db, {
      query,
      organisationIds: caller.portal ? caller.portal.user.organisationIds : undefined,
      after: input.cursor ? decodeCursor(input.cursor) : null,
      limit: input.limit,
    });
    const staff = caller.token.audience === "staff";
    return {
      status: 200,
      body: {
        items: rows.map((row) => ({
          reference: row.reference,
          id: row.id,
          type: row.type,
          status: row.status,
          severity: row.severity,
          tlp: row.tlp,
          sourceIp: row.sourceIp,
          port: row.port,
          flowCount: row.flowCount,
          firstSeen: row.firstSeen.toISOString(),
          lastSeen: row.lastSeen.toISOString(),
          summary: row.summary,
          organisation: { id: row.organisationId, name: row.organisationName },
          assignee: staff && row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
          needsAttention: staff ? row.needsAttention : null,
        })),
        nextCursor: next ? encodeCursor(next) : null,
      },
    };
  },
});

export const exportIncidentsCsvOperation = defineOperation({
  id: "exportIncidentsCsv",
  method: "GET",
  path: "/incidents.csv",
  tag: "Incidents",
  summary: "Export incidents as CSV",
  description:
    "Every incident matching the list's filters as one CSV file (RFC 4180, UTF-8 with a byte-order mark, CRLF), " +
    "streamed in reference order however many there are. Cells that a spreadsheet would run as a formula start " +
    "with an apostrophe. An organisation's token exports its own incidents, without the assignee column.",
  scope: "incidents:read",
  audiences: BOTH,
  query: ZIncidentExportQuerySchema,
  responses: { 200: { description: "The incidents, one per line after the header.", contentType: "text/csv" } },
  handler: async ({ query: input }, caller) => {
    const query = await queueQueryOf(input, caller);
    const institution = caller.portal?.user;
    return incidentsCsvResponse(
      incidentsCsvStream(db, {
        query,
        viewerId: institution?.id ?? "00000000-0000-0000-0000-000000000000",
        organisationIds: institution?.organisationIds,
        audience: institution ? "institution" : "staff",
      }),
    );
  },
});

const evidenceUrl = (reference: number, id: string) => `/api/v1/incidents/${reference}/evidence/${id}`;

/** One incident, as this caller may see it (an organisation's token: the portal's view). */
async function incidentFor(caller: ApiCaller, reference: number) {
  if (caller.portal) {
    const incident = await getPortalIncident(db, caller.portal, reference);
    return {
      incident: { ...incident, assignee: null, needsAttention: null },
      evidence: incident.evidence,
      timeline: incident.timeline.map((event) => ({
        id: event.id,
        type: event.type,
        at: event.createdAt.toISOString(),
        actorKind: null,
        actor: event.actor,
        message: event.message,
        visibleToInstitution: true,
      })),
    };
  }
  const detail = await getIncidentDetail(db, { reference });
  if (!detail) throw new AppError("NOT_FOUND", "No such incident.");
  return {
    incident: {
      ...detail.incident,
      assignee: detail.incident.assignee
        ? { id: detail.incident.assignee.id, name: detail.incident.assignee.name }
        : null,
    },
    evidence: detail.evidence,
    timeline: detail.incident.timeline.map((event) => ({
      id: event.id,
      type: event.type,
      at: event.createdAt.toISOString(),
      actorKind: event.actorKind,
      actor: event.actor?.name ?? event.actorLabel,
      message: event.message,
      visibleToInstitution: event.visibility === "INSTITUTION",
    })),
  };
}

export const getIncident = defineOperation({
  id: "getIncident",
  method: "GET",
  path: "/incidents/{reference}",
  tag: "Incidents",
  summary: "Get one incident",
  description: "With its files (evidence). Another organisation's incident is 404, like one that does not exist.",
  scope: "incidents:read",
  audiences: BOTH,
  params: ZReferenceParamsSchema,
  responses: { 200: { description: "The incident.", schema: ZIncidentDetailSchema } },
  handler: async ({ params }, caller) => {
    const { incident, evidence } = await incidentFor(caller, params.reference);
    return {
      status: 200,
      body: {
        reference: incident.reference,
        id: incident.id,
        type: incident.type,
        status: incident.status,
        severity: incident.severity,
        tlp: incident.tlp,
        sourceIp: incident.sourceIp,
        port: incident.port,
        flowCount: incident.flowCount,
        firstSeen: incident.firstSeen.toISOString(),
        lastSeen: incident.lastSeen.toISOString(),
        summary: incident.summary,
        organisation: { id: incident.organisation.id, name: incident.organisation.name },
        assignee: incident.assignee,
        needsAttention: incident.needsAttention,
        protocol: incident.protocol,
        distinctTargets: incident.distinctTargets,
        evidence: evidence.map((item) => ({
          id: item.id,
          kind: item.kind,
          title: item.title,
          fileName: item.fileName,
          contentType: item.contentType,
          sha256: item.sha256,
          createdAt: item.createdAt.toISOString(),
          tlp: effectiveTlp(incident.tlp, item.tlp),
          downloadUrl: evidenceUrl(incident.reference, item.id),
        })),
        timelineUrl: `/api/v1/incidents/${incident.reference}/timeline`,
      },
    };
  },
});

export const getIncidentTimeline = defineOperation({
  id: "getIncidentTimeline",
  method: "GET",
  path: "/incidents/{reference}/timeline",
  tag: "Incidents",
  summary: "An incident's timeline",
  description: "Oldest first. An organisation's token sees the entries shared with the organisation.",
  scope: "incidents:read",
  audiences: BOTH,
  params: ZReferenceParamsSchema,
  responses: {
    200: { description: "The timeline.", schema: z.object({ items: z.array(ZTimelineEntrySchema) }) },
  },
  handler: async ({ params }, caller) => ({
    status: 200,
    body: { items: (await incidentFor(caller, params.reference)).timeline },
  }),
});

export const downloadEvidence = defineOperation({
  id: "downloadEvidence",
  method: "GET",
  path: "/incidents/{reference}/evidence/{evidenceId}",
  tag: "Incidents",
  summary: "Download a file of an incident",
  description:
    "The bytes as stored (flow samples and lists, logs, files), as an attachment. A TLP:RED file is refused (403, tlp-restricted).",
  problems: [403],
  scope: "incidents:read",
  audiences: BOTH,
  params: ZReferenceParamsSchema.extend({ evidenceId: z.uuid() }),
  responses: { 200: { description: "The file, in the type it was stored with.", contentType: "*/*" } },
  handler: async ({ params }, caller) => {
    const file = caller.portal
      ? await getPortalEvidence(db, caller.portal, params)
      : await getEvidenceDownload(db, { reference: params.reference, evidenceId: params.evidenceId });
    // RED stays on the platform: people read it in the browser, no token carries it off (ADR 0008).
    if (file.tlp === "RED")
      throw new TlpRefusal(
        `This file is ${tlpLabel("RED")}: read it on the incident's page; the API does not hand it out.`,
      );
    return fileDownload(file);
  },
});

const ZStatusChangeSchema = z.strictObject({
  status: z.enum(IncidentStatus),
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional().describe("Staff tokens: shown on the timeline."),
  visibleToInstitution: z
    .boolean()
    .optional()
    .describe(
      "Staff tokens: share the change with the institution (default true; RESOLVED, CLOSED and REOPENED then mail its contacts).",
    ),
});

export const changeIncidentStatus = defineOperation({
  id: "changeIncidentStatus",
  method: "POST",
  path: "/incidents/{reference}/status",
  tag: "Incidents",
  summary: "Change an incident's status",
  description:
    "Staff tokens: any change the lifecycle allows. An organisation's token: ACKNOWLEDGED only (acknowledging " +
    "an acknowledged incident changes nothing). A change the lifecycle does not allow is 409.",
  scope: "incidents:write",
  audiences: BOTH,
  params: ZReferenceParamsSchema,
  body: { kind: "json", schema: ZStatusChangeSchema },
  problems: [409],
  responses: {
    200: {
      description: "The incident's status now.",
      schema: z.object({ reference: z.number().int(), status: z.enum(IncidentStatus), changed: z.boolean() }),
    },
  },
  handler: async ({ params, body }, caller) => {
    const { reference } = params;
    if (caller.portal) {
      if (body.status !== "ACKNOWLEDGED" || body.reason !== undefined || body.visibleToInstitution !== undefined)
        throw new ApiProblem("invalid-input", 422, "The request is not valid.", [
          { pointer: "#/body", detail: 'An organisation\'s token can only send {"status": "ACKNOWLEDGED"}.' },
        ]);
      const { alreadyAcknowledged } = await acknowledgeIncident(db, {
        caller: caller.portal,
        reference,
        context: caller.context,
      });
      return { status: 200, body: { reference, status: "ACKNOWLEDGED", changed: !alreadyAcknowledged } };
    }
    const change = await transitionIncident(db, {
      incidentId: await findIncidentId(db, { reference }),
      to: body.status,
      reason: body.reason,
      visibleToInstitution: body.visibleToInstitution,
      actor: caller.actor,
      context: caller.context,
    });
    return { status: 200, body: { reference, status: change.to, changed: true } };
  },
});

export const assignIncidentOperation = defineOperation({
  id: "assignIncident",
  method: "POST",
  path: "/incidents/{reference}/assignee",
  tag: "Incidents",
  summary: "Assign an incident",
  description: "To an active analyst or admin by id, or to nobody (null).",
  scope: "incidents:write",
  audiences: STAFF,
  params: ZReferenceParamsSchema,
  body: { kind: "json", schema: z.strictObject({ assigneeId: z.uuid().nullable() }) },
  responses: {
    200: {
      description: "Who holds the incident now.",
      schema: z.object({ reference: z.number().int(), assignee: ZPersonSchema.nullable(), changed: z.boolean() }),
    },
  },
  handler: async ({ params, body }, caller) => {
    const result = await assignIncident(db, {
      incidentId: await findIncidentId(db, { reference: params.reference }),
      assigneeId: body.assigneeId,
      actor: caller.actor,
      context: caller.context,
    });
    return {
      status: 200,
      body: {
        reference: result.reference,
        assignee: body.assigneeId ? { id: body.assigneeId, name: result.assigneeName ?? "" } : null,
        changed: result.changed,
      },
    };
  },
});

export const addIncidentNoteOperation = defineOperation({
  id: "addIncidentNote",
  method: "POST",
  path: "/incidents/{reference}/notes",
  tag: "Incidents",
  summary: "Add a note to an incident",
  description: "Internal unless shared with the institution.",
  scope: "incidents:write",
  audiences: STAFF,
  params: ZReferenceParamsSchema,
  body: {
    kind: "json",
    schema: z.strictObject({
      text: z.string().trim().min(1, "Write the note first.").max(MAX_NOTE_LENGTH),
      shareWithInstitution: z.boolean().default(false),
    }),
  },
  responses: { 201: { description: "The note's timeline entry.", schema: z.object({ id: z.uuid() }) } },
  handler: async ({ params, body }, caller) => {
    const { eventId } = await addIncidentNote(db, {
      incidentId: await findIncidentId(db, { reference: params.reference }),
      text: body.text,
      shareWithInstitution: body.shareWithInstitution,
      actor: caller.actor,
      context: caller.context,
    });
    return { status: 201, body: { id: eventId } };
  },
});
