import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
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
import { API_RATE_WINDOW_SECONDS, MAX_JSON_BODY_BYTES } from "./api-operation";
import type { TOpenApiDocument } from "./openapi-document";

/**
 * The OpenAPI document against the running handlers: every route under app/api/v1 is
 * documented (and nothing else is), and every documented operation answers with a documented
 * status and a body that its documented schema (Ajv, JSON Schema 2020-12) accepts.
 */

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";

type Handlers = Awaited<ReturnType<typeof apiV1Handlers>>;
type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};

let world: ApiWorld;
let handlers: Handlers;
let document: TOpenApiDocument;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

beforeAll(async () => {
  world = await buildApiWorld();
  handlers = await apiV1Handlers();
  const response = await callApi(handlers, { method: "GET", path: "/api/v1/openapi.json" });
  expect(response.status).toBe(200);
  document = (await response.json()) as TOpenApiDocument;
});

function operations(): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );
}

function operationOf(call: ApiCall): { path: string; operation: Operation } {
  const pathname = call.path.split("?")[0]!.replace(/^\/api\/v1/, "");
  // A fixed segment wins over a {parameter} in the same place, as in the router.
  const found = [...operations()]
    .sort((a, b) => a.path.split("{").length - b.path.split("{").length)
    .find(
      ({ method, path }) =>
        method === call.method && new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
    );
  if (!found) throw new Error(`${call.method} ${call.path} is not documented`);
  return found;
}

/** Calls, then checks the answer against the document; returns the response and its parsed body. */
async function conforming(call: ApiCall, expectedStatus: number) {
  const { path, operation } = operationOf(call);
  const response = await callApi(handlers, call);
  const label = `${operation.operationId} ${call.method} ${call.path}`;
  const documented = operation.responses[String(response.status)];
  const bodyText = await response.text();
  expect(response.status, `${label}: ${bodyText.slice(0, 300)}`).toBe(expectedStatus);
  expect(documented, `${label}: status ${response.status} is not documented for ${path}`).toBeDefined();
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!;
  const media = documented!.content?.[contentType] ?? documented!.content?.["*/*"];
  expect(media, `${label}: ${contentType} is not the documented content type`).toBeDefined();
  let body: unknown = bodyText;
  if (contentType.endsWith("json")) {
    body = JSON.parse(bodyText);
    const schema =
      media!.schema?.$ref === "#/components/schemas/Problem" ? document.components.schemas.Problem : media!.schema!;
    const validate = ajv.compile(schema);
    expect(validate(body), `${label}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  answered.add(`${operation.operationId} ${response.status}`);
  return { response, body: body as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
}

const answered = new Set<string>();

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists exactly the routes under app/api/v1", () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    const documented = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    expect(documented).toEqual([...handlers.keys()].sort());
    for (const { operation } of operations()) expect(operation.operationId).toBeTruthy();
  });

  it("every documented operation answers as documented", async () => {
    const { tokens } = world;
    const a = await incidentIn(world.orgA.id, nextAddress("192.0.2"));
    const a2 = await incidentIn(world.orgA.id, nextAddress("192.0.2"));
    const b = await incidentIn(world.orgB.id, nextAddress("198.51.100"));
    const staff = (call: Omit<ApiCall, "token">): ApiCall => ({ ...call, token: tokens.staff });
    const institution = (call: Omit<ApiCall, "token">): ApiCall => ({ ...call, token: tokens.institutionA });

    // Incidents: the queue, one incident, its timeline and files.
    const page1 = await conforming(staff({ method: "GET", path: "/api/v1/incidents?org=college-a&limit=1" }), 200);
    expect(page1.body.items).toHaveLength(1);
    const page2 = await conforming(
      staff({ method: "GET", path: `/api/v1/incidents?org=college-a&limit=1&cursor=${page1.body.nextCursor}` }),
      200,
    );
    expect(page2.body.items![0]!.reference).not.toBe(page1.body.items![0]!.reference);
    const own = await conforming(institution({ method: "GET", path: "/api/v1/incidents?status=all&limit=100" }), 200);
    expect(new Set(own.body.items!.map((item) => (item.organisation as { id: string }).id))).toEqual(
      new Set([world.orgA.id]),
    );
    const csv = await conforming(staff({ method: "GET", path: "/api/v1/incidents.csv?status=all&org=college-a" }), 200);
    const csvLines = String(csv.body).trim().split("\r\n");
    expect(csvLines[0]).toContain("reference,status,type");
    expect(csvLines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(
      expect.arrayContaining([a.reference, a2.reference]),
    );
    const ownCsv = await conforming(institution({ method: "GET", path: "/api/v1/incidents.csv?status=all" }), 200);
    expect(String(ownCsv.body)).not.toContain("assignee");
    expect(
      String(ownCsv.body)
        .split("\r\n")
        .filter((line) => line.includes(",university-b,")),
    ).toEqual([]);
    expect(String(ownCsv.body)).toContain(",college-a,");
    await conforming(institution({ method: "GET", path: "/api/v1/incidents.csv?org=college-a" }), 422);
    await conforming(staff({ method: "GET", path: "/api/v1/incidents.csv?limit=5" }), 422);
    await conforming(staff({ method: "GET", path: "/api/v1/incidents?colour=red" }), 422);
    await conforming(staff({ method: "GET", path: "/api/v1/incidents?status=SLEEPING" }), 422);
    await conforming(staff({ method: "GET", path: "/api/v1/incidents?cursor=not-a-cursor" }), 422);
    const detail = await conforming(staff({ method: "GET", path: `/api/v1/incidents/${a.reference}` }), 200);
    expect(detail.body.evidence).toHaveLength(1);
    await conforming(institution({ method: "GET", path: `/api/v1/incidents/${a.reference}` }), 200);
    await conforming(institution({ method: "GET", path: `/api/v1/incidents/${b.reference}` }), 404);
    await conforming(staff({ method: "GET", path: "/api/v1/incidents/abc" }), 404);
    await conforming(staff({ method: "GET", path: `/api/v1/incidents/${a.reference}/timeline` }), 200);
    await conforming(institution({ method: "GET", path: `/api/v1/incidents/${a.reference}/timeline` }), 200);
    const file = await conforming(
      institution({ method: "GET", path: `/api/v1/incidents/${a.reference}/evidence/${a.evidenceId}` }),
      200,
    );
    expect(file.response.headers.get("content-disposition")).toMatch(/^attachment/);
    await conforming(
      institution({ method: "GET", path: `/api/v1/incidents/${b.reference}/evidence/${b.evidenceId}` }),
      404,
    );
    await conforming(staff({ method: "GET", path: `/api/v1/incidents/${b.reference}/evidence/${b.evidenceId}` }), 200);

    // Changes.
    const statusPath = `/api/v1/incidents/${a.reference}/status`;
    await conforming(institution({ method: "POST", path: statusPath, json: { status: "ACKNOWLEDGED" } }), 200);
    await conforming(institution({ method: "POST", path: statusPath, json: { status: "CLOSED" } }), 422);
    await conforming(
      staff({
        method: "POST",
        path: statusPath,
        json: { status: "RESOLVED", reason: "Patched", visibleToInstitution: true },
      }),
      200,
    );
    await conforming(staff({ method: "POST", path: statusPath, json: { status: "ACKNOWLEDGED" } }), 409);
    await conforming(staff({ method: "POST", path: statusPath, json: { status: "CLOSED", colour: "red" } }), 422);
    await conforming(
      staff({ method: "POST", path: statusPath, body: "{not json", headers: { "content-type": "application/json" } }),
      400,
    );
    await conforming(
      staff({
        method: "POST",
        path: statusPath,
        body: "status=CLOSED",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
    );
    await conforming(
      staff({ method: "POST", path: statusPath, json: { status: "CLOSED", reason: "x".repeat(MAX_JSON_BODY_BYTES) } }),
      413,
    );
    await conforming(
      staff({
        method: "POST",
        path: `/api/v1/incidents/${a2.reference}/assignee`,
        json: { assigneeId: world.analyst.id },
      }),
      200,
    );
    await conforming(
      staff({ method: "POST", path: `/api/v1/incidents/${a2.reference}/notes`, json: { text: "Called their NOC." } }),
      201,
    );
    await conforming(
      institution({ method: "POST", path: `/api/v1/incidents/${a2.reference}/notes`, json: { text: "x" } }),
      403,
    );

    // An organisation's own systems report progress and resolve.
    const a3 = await incidentIn(world.orgA.id, nextAddress("192.0.2"));
    const responses = `/api/v1/incidents/${a3.reference}/responses`;
    await conforming(
      institution({
        method: "POST",
        path: responses,
        json: { steps: ["outboundBlocked"], text: "Blocked at the edge." },
      }),
      200,
    );
    // The same step again, with nothing else, is not news.
    await conforming(institution({ method: "POST", path: responses, json: { steps: ["outboundBlocked"] } }), 422);
    await conforming(institution({ method: "POST", path: responses, json: { steps: ["rebootedTwice"] } }), 422);
    await conforming(staff({ method: "POST", path: responses, json: { text: "x" } }), 403);
    await conforming(
      institution({ method: "POST", path: `/api/v1/incidents/${b.reference}/responses`, json: { text: "x" } }),
      404,
    );
    const resolution = `/api/v1/incidents/${a3.reference}/resolution`;
    await conforming(institution({ method: "POST", path: resolution, json: { rootCause: "weak-password" } }), 422);
    await conforming(
      institution({
        method: "POST",
        path: resolution,
        json: { rootCause: "weak-password", note: "Reinstalled", suppressUntil: "2027-02-01" },
      }),
      422,
    );
    await conforming(
      institution({ method: "POST", path: resolution, json: { rootCause: "weak-password", note: "Reinstalled." } }),
      200,
    );
    await conforming(
      institution({ method: "POST", path: resolution, json: { rootCause: "weak-password", note: "Again." } }),
      409,
    );
    const resolved = await db.incident.findUniqueOrThrow({ where: { id: a3.id } });
    expect(resolved).toMatchObject({ status: "RESOLVED", rootCause: "weak-password", resolutionNote: "Reinstalled." });
    const said = await db.timelineEvent.findMany({
      where: { incidentId: a3.id, type: "INSTITUTION_RESPONSE" },
      orderBy: { createdAt: "asc" },
    });
    expect(said.map((event) => event.message)).toEqual([
      expect.stringContaining("Blocked at the edge."),
      expect.stringContaining("Root cause: Weak or reused password."),
    ]);
    // Exchange: MISP and STIX exports, with TLP 2.0 enforced.
    await conforming(staff({ method: "GET", path: `/api/v1/incidents/${a.reference}/export?format=misp` }), 200);
    await conforming(institution({ method: "GET", path: `/api/v1/incidents/${a.reference}/export?format=stix` }), 200);
    await conforming(institution({ method: "GET", path: `/api/v1/incidents/${b.reference}/export?format=misp` }), 404);
    await conforming(staff({ method: "GET", path: `/api/v1/incidents/${a.reference}/export?format=pdf` }), 422);
    const red = await incidentIn(world.orgA.id, nextAddress("192.0.2"));
    await db.incident.update({ where: { id: red.id }, data: { tlp: "RED" } });
    await conforming(staff({ method: "GET", path: `/api/v1/incidents/${red.reference}/export?format=misp` }), 403);
    await conforming(
      staff({ method: "GET", path: `/api/v1/incidents/${red.reference}/evidence/${red.evidenceId}` }),
      403,
    );
    await conforming(staff({ method: "GET", path: "/api/v1/incidents/export?format=stix&status=all" }), 200);
    await conforming(institution({ method: "GET", path: "/api/v1/incidents/export?format=misp&org=college-a" }), 422);

    // Organisations, contact change requests, ingest, notices.
    await conforming(staff({ method: "GET", path: "/api/v1/organisations?q=college" }), 200);
    const organisation = await conforming(staff({ method: "GET", path: "/api/v1/organisations/college-a" }), 200);
    expect(organisation.body.blocks).toEqual([{ network: "192.0.2.0/24", description: null }]);
    await conforming(staff({ method: "GET", path: "/api/v1/organisations/no-such-place" }), 404);
    await conforming(
      institution({
        method: "POST",
        path: "/api/v1/contact-requests",
        json: { kind: "ADD_CONTACT", name: "Night shift", email: "NOC@a.example", role: "TECHNICAL" },
      }),
      201,
    );
    await conforming(
      institution({
        method: "POST",
        path: "/api/v1/contact-requests",
        json: { kind: "REMOVE_CONTACT", contactId: world.contactA.id, why: "gone" },
      }),
      422,
    );
    await conforming(institution({ method: "GET", path: "/api/v1/contact-requests" }), 200);
    const pending = await conforming(staff({ method: "GET", path: "/api/v1/contact-requests" }), 200);
    expect(pending.body.items![0]).toMatchObject({ kind: "ADD_CONTACT", details: { email: "noc@a.example" } });
    const sent = await conforming(
      staff({
        method: "POST",
        path: "/api/v1/flows?name=probe.txt&stream=api-test",
        body: "2027-01-09 02:00:00.000 TCP 192.0.2.1:1 -> 198.51.100.1:22\n",
      }),
      202,
    );
    await conforming(staff({ method: "GET", path: `/api/v1/flows/${sent.body.runId}` }), 200);
    await conforming(staff({ method: "GET", path: "/api/v1/ingest-runs?limit=5" }), 200);
    const notices = await conforming(staff({ method: "GET", path: "/api/v1/notifications" }), 200);
    expect(notices.body.items!.some((item) => item.purpose === "RESOLVED")).toBe(true);

    // Every operation that needs a token refuses a call without one, and one with a token too narrow.
    for (const { method, path, operation } of operations()) {
      const concrete = path
        .replace("{reference}", String(a.reference))
        .replace("{evidenceId}", a.evidenceId)
        .replace("{slug}", "college-a")
        .replace("{runId}", String(sent.body.runId));
      if (path === "/openapi.json") continue;
      await conforming({ method: method as "GET" | "POST", path: `/api/v1${concrete}` }, 401);
      const narrow = operation.operationId === "listIngestRuns" ? tokens.institutionNarrow : tokens.staffNarrow;
      await conforming(
        {
          method: method as "GET" | "POST",
          path: `/api/v1${concrete}`,
          token: narrow,
          ...(method === "POST" ? { json: {} } : {}),
        },
        403,
      );
    }

    await conforming({ method: "GET", path: "/api/v1/openapi.json" }, 200);

    // Every documented success answer was seen, and every operation was called.
    for (const { operation } of operations()) {
      for (const status of Object.keys(operation.responses).filter((status) => status.startsWith("2")))
        expect(answered, `${operation.operationId} never answered ${status}`).toContain(
          `${operation.operationId} ${status}`,
        );
    }
  });

  it("states the rate limit in headers and answers 429 once a token has used its window", async () => {
    const ok = await callApi(handlers, { method: "GET", path: "/api/v1/organisations", token: world.tokens.staff });
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get("ratelimit-limit"))).toBe(600);
    const remaining = Number(ok.headers.get("ratelimit-remaining"));
    expect(remaining).toBeGreaterThan(0);
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(API_RATE_WINDOW_SECONDS);
    // The limit is a setting: lowered to 3, the third call is the last one allowed this minute.
    await db.setting.upsert({
      where: { key: "api.requestsPerMinute" },
      create: { key: "api.requestsPerMinute", value: 3 },
      update: { value: 3 },
    });
    const token = await db.apiToken.findFirstOrThrow({ where: { name: "soar" } });
    await db.rateLimitBucket.delete({ where: { key: `api-token:${token.id}` } });
    const calls = [];
    for (let call = 0; call < 4; call += 1)
      calls.push(await callApi(handlers, { method: "GET", path: "/api/v1/organisations", token: world.tokens.staff }));
    expect(calls.map((response) => response.status)).toEqual([200, 200, 200, 429]);
    expect(calls.map((response) => response.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(calls[3]!.headers.get("ratelimit-limit")).toBe("3");
    const refused = await conforming({ method: "GET", path: "/api/v1/organisations", token: world.tokens.staff }, 429);
    expect(refused.response.headers.get("retry-after")).toMatch(/^\d+$/);
    await db.setting.update({ where: { key: "api.requestsPerMinute" }, data: { value: 600 } });
    await db.rateLimitBucket.delete({ where: { key: `api-token:${token.id}` } });
  });

  it("audits every call with the token's name, refusals included", async () => {
    const entries = await db.auditLog.findMany({ where: { action: "api.request" }, orderBy: { id: "asc" } });
    const statuses = new Set(entries.map((entry) => (entry.data as { status: number }).status));
    for (const status of [200, 201, 202, 400, 401, 403, 404, 409, 413, 415, 422, 429])
      expect(statuses).toContain(status);
    expect(entries.some((entry) => entry.actorLabel === "token:college-a-tickets")).toBe(true);
    expect(entries.some((entry) => entry.actorLabel === "api (no valid token)")).toBe(true);
  });
});
