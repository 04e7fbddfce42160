/**
 * What an organisation's own systems (a ticket system, a SOAR) do with an incident besides
 * acknowledging it: report progress on the response checklist with a message, and resolve it with a
 * root cause — the portal's response and resolution forms, over the API. Files still go through the
 * portal (the JSON body is small on purpose).
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { respondToIncident, resolveIncidentByInstitution } from "@/lib/portal/portal-incidents";
import { RESPONSE_STEPS, ROOT_CAUSES } from "@/lib/portal/response-options";
import { type ApiCaller, defineOperation } from "../api-operation";
import { ApiProblem } from "../problem";
import { ZReferenceParamsSchema } from "./incidents";
import { calendarDaySchema } from "./shared";

const INSTITUTION = ["institution"] as const;
const STEP_KEYS = RESPONSE_STEPS.map((step) => step.key) as [string, ...string[]];
const CAUSE_KEYS = ROOT_CAUSES.map((cause) => cause.key) as [string, ...string[]];
const MAX_TEXT = 10_000;

const ZIncidentStateSchema = z.object({ reference: z.number().int(), status: z.string() });

function portalCaller(caller: ApiCaller) {
  // The audience check ran before the handler: an institution token always has its portal caller.
  if (!caller.portal) throw new ApiProblem("forbidden", 403, "This operation is for an organisation's own token.");
  return caller.portal;
}

export const respondToIncidentOperation = defineOperation({
  id: "respondToIncident",
  method: "POST",
  path: "/incidents/{reference}/responses",
  tag: "Incidents",
  summary: "Report what your organisation has done",
  description:
    "An organisation's token: tick steps of the response checklist and/or write a message; the CSIRT sees it " +
    `on the incident's timeline. Steps: ${RESPONSE_STEPS.map((step) => `\`${step.key}\` (${step.label})`).join(", ")}. ` +
    "Steps ticked before are not news: a call with only those, and no text, is 422.",
  scope: "incidents:write",
  audiences: INSTITUTION,
  params: ZReferenceParamsSchema,
  body: {
    kind: "json",
    schema: z.strictObject({
      steps: z.array(z.enum(STEP_KEYS)).max(STEP_KEYS.length).default([]).describe("Checklist steps now done."),
      text: z.string().max(MAX_TEXT).default("").describe("What you found or did, in your words."),
    }),
  },
  responses: { 200: { description: "The response is on the incident's timeline.", schema: ZIncidentStateSchema } },
  handler: async ({ params, body }, caller) => {
    await respondToIncident(db, {
      caller: portalCaller(caller),
      reference: params.reference,
      steps: body.steps as (typeof RESPONSE_STEPS)[number]["key"][],
      text: body.text,
      attachments: [],
      context: caller.context,
    });
    const incident = await db.incident.findFirstOrThrow({
      where: { reference: params.reference },
      select: { status: true },
    });
    return { status: 200, body: { reference: params.reference, status: incident.status } };
  },
});

export const resolveIncidentOperation = defineOperation({
  id: "resolveIncident",
  method: "POST",
  path: "/incidents/{reference}/resolution",
  tag: "Incidents",
  summary: "Resolve an incident of your organisation",
  description:
    "An organisation's token: the incident is RESOLVED with a root cause and a note for the CSIRT. " +
    `Root causes: ${ROOT_CAUSES.map((cause) => `\`${cause.key}\` (${cause.label})`).join(", ")}. ` +
    "With `authorised-activity`, `suppressUntil` (a day) also stops notices about this address until then, " +
    "within the CSIRT's longest suppression. An incident already resolved or closed is 409.",
  scope: "incidents:write",
  audiences: INSTITUTION,
  params: ZReferenceParamsSchema,
  body: {
    kind: "json",
    schema: z.strictObject({
      rootCause: z.enum(CAUSE_KEYS),
      note: z.string().trim().min(1, "Say what you found and what you did: resolving needs a note.").max(MAX_TEXT),
      suppressUntil: calendarDaySchema.optional().describe("Only with rootCause authorised-activity: YYYY-MM-DD."),
    }),
  },
  problems: [409],
  responses: { 200: { description: "The incident is resolved.", schema: ZIncidentStateSchema } },
  handler: async ({ params, body }, caller) => {
    await resolveIncidentByInstitution(db, {
      caller: portalCaller(caller),
      reference: params.reference,
      rootCause: body.rootCause as (typeof ROOT_CAUSES)[number]["key"],
      note: body.note,
      allowListUntil: body.suppressUntil ? new Date(`${body.suppressUntil}T23:59:59Z`) : null,
      context: caller.context,
    });
    return { status: 200, body: { reference: params.reference, status: "RESOLVED" } };
  },
});
