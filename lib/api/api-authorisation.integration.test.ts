import { beforeAll, describe, expect, it } from "vitest";
import { API_SCOPES, type ApiScope, createApiToken, INSTITUTION_SCOPES } from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import {
  type ApiCall,
  type ApiWorld,
  apiV1Handlers,
  buildApiWorld,
  callApi,
  incidentIn,
  nextAddress,
} from "@/test/support/api-world";
import type { ApiOperation } from "./api-operation";
import { API_OPERATIONS } from "./v1/operations";

/**
 * Every operation × every kind of token: the CSIRT's, an organisation's (its own objects and
 * another organisation's), expired, revoked, without the operation's scope, and none. A refusal
 * changes nothing and is audited with its status.
 */

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";

type Handlers = Awaited<ReturnType<typeof apiV1Handlers>>;
type Cell =
  | "staff"
  | "institution"
  | "institutionOther"
  | "expired"
  | "revoked"
  | "institutionExpired"
  | "none"
  | "staffWrongScope"
  | "institutionWrongScope";

let world: ApiWorld;
let handlers: Handlers;
let runId: string;

beforeAll(async () => {
  world = await buildApiWorld();
  handlers = await apiV1Handlers();
  const sent = await callApi(handlers, {
    method: "POST",
    path: "/api/v1/flows?name=matrix.txt",
    token: world.tokens.staff,
    body: "2027-01-09 02:00:00.000 TCP 192.0.2.1:1 -> 198.51.100.1:22\n",
  });
  expect(sent.status).toBe(202);
  runId = ((await sent.json()) as { runId: string }).runId;
});

/** The request an operation gets, on an object of organisation A ("own") or B ("other"); fresh objects for changes. */
async function requestFor(operation: ApiOperation, side: "own" | "other"): Promise<Omit<ApiCall, "token">> {
  const organisationId = side === "own" ? world.orgA.id : world.orgB.id;
  const incident = await incidentIn(organisationId, nextAddress(side === "own" ? "192.0.2" : "198.51.100"));
  const at = `/api/v1/incidents/${incident.reference}`;
  switch (operation.id) {
    case "listIncidents":
      return { method: "GET", path: "/api/v1/incidents?status=all&limit=100" };
    case "getIncident":
      return { method: "GET", path: at };
    case "getIncidentTimeline":
      return { method: "GET", path: `${at}/timeline` };
    case "downloadEvidence":
      return { method: "GET", path: `${at}/evidence/${incident.evidenceId}` };
    case "changeIncidentStatus":
      return { method: "POST", path: `${at}/status`, json: { status: "ACKNOWLEDGED" } };
    case "assignIncident":
      return { method: "POST", path: `${at}/assignee`, json: { assigneeId: world.analyst.id } };
    case "addIncidentNote":
      return { method: "POST", path: `${at}/notes`, json: { text: "From the SOAR." } };
    case "respondToIncident":
      return {
        method: "POST",
        path: `${at}/responses`,
        json: { steps: ["outboundBlocked"], text: "Blocked at the edge." },
      };
    case "resolveIncident":
      return { method: "POST", path: `${at}/resolution`, json: { rootCause: "weak-password", note: "Reinstalled." } };
    case "exportIncidentsCsv":
      return { method: "GET", path: "/api/v1/incidents.csv?status=all" };
    case "exportIncident":
      return { method: "GET", path: `${at}/export?format=stix` };
    case "exportIncidents":
      return { method: "GET", path: "/api/v1/incidents/export?format=misp&status=all" };
    case "listOrganisations":
      return { method: "GET", path: "/api/v1/organisations" };
    case "getOrganisation":
      return { method: "GET", path: `/api/v1/organisations/${side === "own" ? world.orgA.slug : world.orgB.slug}` };
    case "listContactRequests":
      return { method: "GET", path: "/api/v1/contact-requests" };
    case "createContactRequest":
      return {
        method: "POST",
        path: "/api/v1/contact-requests",
        json: { kind: "ADD_CONTACT", name: "Night shift", email: "noc@a.example", role: "TECHNICAL" },
      };
    case "listIngestRuns":
      return { method: "GET", path: "/api/v1/ingest-runs" };
    case "sendFlows":
      return {
        method: "POST",
        path: "/api/v1/flows?name=probe.txt",
        body: "2027-01-09 02:00:00.000 TCP 192.0.2.1:1 -> 198.51.100.1:22\n",
      };
    case "getFlowRun":
      return { method: "GET", path: `/api/v1/flows/${runId}` };
    case "listNotifications":
      return { method: "GET", path: "/api/v1/notifications" };
    default:
      throw new Error(`no request for ${operation.id}: add one`);
  }
}

/** Everything a call could change, to compare before and after a refusal. */
async function snapshot() {
  const [incidents, timeline, requests, runs, notices, tokens] = await Promise.all([
    db.incident.findMany({
      select: { id: true, status: true, assigneeId: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    db.timelineEvent.count(),
    db.contactChangeRequest.count(),
    db.ingestRun.count(),
    db.notification.count(),
    db.apiToken.findMany({ select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
  ]);
  return { incidents, timeline, requests, runs, notices, tokens };
}

const ALL_STAFF_SCOPES = API_SCOPES.filter((scope) => scope !== "contact-requests:write");

async function tokenFor(cell: Cell, operation: ApiOperation): Promise<string | null> {
  const orgA = {
    organisationId: world.orgA.id,
    createdById: (await db.user.findFirstOrThrow({ where: { email: "it@a.example" } })).id,
  };
  const without = (scopes: readonly ApiScope[]) => scopes.filter((scope) => scope !== operation.scope);
  switch (cell) {
    case "staff":
      return world.tokens.staff;
    case "institution":
    case "institutionOther":
      return world.tokens.institutionA;
    case "expired":
      return world.tokens.expired;
    case "revoked":
      return world.tokens.revoked;
    case "institutionExpired":
      return world.tokens.institutionExpired;
    case "none":
      return null;
    case "staffWrongScope":
      return (await createApiToken(db, { name: `wrong-${operation.id}`, scopes: without(ALL_STAFF_SCOPES) })).token;
    case "institutionWrongScope":
      return (
        await createApiToken(db, { name: `wrong-a-${operation.id}`, scopes: without(INSTITUTION_SCOPES), ...orgA })
      ).token;
  }
}

function expected(cell: Cell, operation: ApiOperation): number | "success" {
  if (["expired", "revoked", "institutionExpired", "none"].includes(cell)) return 401;
  if (cell === "staffWrongScope" || cell === "institutionWrongScope") return 403;
  if (cell === "staff") return operation.audiences.includes("staff") ? "success" : 403;
  if (!operation.audiences.includes("institution")) return 403;
  // Another organisation's object is "not found"; lists simply leave it out.
  if (cell === "institutionOther" && operation.params) return 404;
  return "success";
}

const CELLS: Cell[] = [
  "staff",
  "institution",
  "institutionOther",
  "expired",
  "revoked",
  "institutionExpired",
  "none",
  "staffWrongScope",
  "institutionWrongScope",
];

describe("the API's authorisation matrix", () => {
  for (const operation of API_OPERATIONS.filter((candidate) => candidate.scope !== null)) {
    it(`${operation.id}: every kind of token`, async () => {
      const actual: Record<string, number | "success"> = {};
      const wanted: Record<string, number | "success"> = {};
      for (const cell of CELLS) {
        const call = await requestFor(operation, cell === "institutionOther" ? "other" : "own");
        const token = await tokenFor(cell, operation);
        const before = await snapshot();
        const audited = await db.auditLog.count({ where: { action: "api.request" } });
        const response = await callApi(handlers, { ...call, token });
        const success = response.status >= 200 && response.status < 300;
        actual[cell] = success ? "success" : response.status;
        wanted[cell] = expected(cell, operation);
        const text = await response.text();
        if (!success) {
          expect(response.headers.get("content-type"), `${operation.id} ${cell}`).toBe("application/problem+json");
          expect(JSON.parse(text)).toMatchObject({ status: response.status });
          const after = await snapshot();
          // A token's last use is the one thing a recognised token's refused call may move.
          expect(after, `${operation.id} ${cell} changed something`).toEqual(before);
        }
        const entries = await db.auditLog.findMany({
          where: { action: "api.request" },
          orderBy: { id: "desc" },
          take: 1,
        });
        expect(await db.auditLog.count({ where: { action: "api.request" } })).toBe(audited + 1);
        expect((entries[0]!.data as { status: number }).status).toBe(response.status);
        if (cell === "institutionOther" && success && operation.id === "listIncidents") {
          const items = (JSON.parse(text) as { items: Array<{ organisation: { id: string } }> }).items;
          expect(items.every((item) => item.organisation.id === world.orgA.id)).toBe(true);
        }
      }
      expect(actual).toEqual(wanted);
    });
  }
});
