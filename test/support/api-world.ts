/**
 * The REST API's test world: two organisations with incidents and files, staff and institution
 * users, and tokens of every kind (staff, an organisation's, expired, revoked, too narrow). The
 * route handlers are the real ones, found under app/api/v1 and called with real Requests, as the
 * flows API's tests do.
 */
import path from "node:path";
import {
  type ApiScope,
  API_SCOPES,
  createApiToken,
  INSTITUTION_SCOPES,
  revokeApiToken,
} from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { routePattern, scanRepository } from "./server-entry-points";

export type TokenKind =
  | "none"
  | "staff"
  | "institutionA"
  | "expired"
  | "revoked"
  | "staffNarrow"
  | "institutionNarrow"
  | "institutionExpired";

export interface ApiWorld {
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  analyst: { id: string };
  tokens: Record<Exclude<TokenKind, "none">, string>;
  contactA: { id: string };
}

const STAFF_SCOPES = API_SCOPES.filter((scope) => scope !== "contact-requests:write");

export async function incidentIn(organisationId: string, sourceIp: string, status: "NEW" | "NOTIFIED" = "NOTIFIED") {
  const at = new Date(Date.now() - Math.floor(Math.random() * 3_600_000));
  const incident = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: at,
      lastSeen: at,
      flowCount: 40,
      distinctTargets: 40,
      summary: `${sourceIp} was scanning for SSH.`,
      openKey: `SSH_SCAN:${organisationId}:${sourceIp}`,
      status,
      timeline: {
        create: {
          type: "CREATED",
          visibility: "INSTITUTION",
          actorKind: "SYSTEM",
          actorLabel: "worker",
          message: "Raised",
        },
      },
    },
  });
  const evidence = await db.evidence.create({
    data: {
      incidentId: incident.id,
      kind: "FLOW_SAMPLE",
      title: "Flow sample",
      fileName: "sample.txt",
      contentType: "text/plain",
      content: Buffer.from(`flows of ${sourceIp}\n`),
      sha256: "0".repeat(64),
    },
  });
  return { id: incident.id, reference: incident.reference, evidenceId: evidence.id };
}

let addressCounter = 0;
/** A fresh source address, so every incident has its own open key. */
export function nextAddress(prefix: "192.0.2" | "198.51.100"): string {
  addressCounter += 1;
  return `${prefix}.${addressCounter}`;
}

export async function buildApiWorld(): Promise<ApiWorld> {
  await seedDefaults(db);
  const orgA = await db.organisation.create({
    data: {
      name: "College A",
      slug: "college-a",
      blocks: { create: [{ network: "192.0.2.0/24" }] },
      contacts: { create: [{ name: "A security", email: "security@a.example" }] },
    },
    include: { contacts: true },
  });
  const orgB = await db.organisation.create({
    data: {
      name: "University B",
      slug: "university-b",
      blocks: { create: [{ network: "198.51.100.0/24" }] },
      contacts: { create: [{ name: "B security", email: "security@b.example" }] },
    },
  });
  const analyst = await db.user.create({ data: { email: "analyst@csirt.example", name: "Ana Lyst", role: "ANALYST" } });
  const userA = await db.user.create({
    data: {
      email: "it@a.example",
      name: "A IT",
      role: "INSTITUTION",
      memberships: { create: { organisationId: orgA.id } },
    },
  });
  const later = new Date(Date.now() + 30 * 86_400_000);
  const earlier = new Date(Date.now() - 1000);
  const make = async (
    name: string,
    scopes: readonly ApiScope[],
    extra: Parameters<typeof createApiToken>[1] | object = {},
  ) => (await createApiToken(db, { name, scopes: [...scopes], expiresAt: later, ...extra })).token;
  const revoked = await createApiToken(db, { name: "revoked", scopes: [...STAFF_SCOPES] });
  await revokeApiToken(db, revoked.id);
  const institution = { organisationId: orgA.id, createdById: userA.id };
  return {
    orgA: { id: orgA.id, slug: orgA.slug },
    orgB: { id: orgB.id, slug: orgB.slug },
    analyst: { id: analyst.id },
    contactA: { id: orgA.contacts[0]!.id },
    tokens: {
      staff: await make("soar", STAFF_SCOPES),
      institutionA: await make("college-a-tickets", INSTITUTION_SCOPES, institution),
      expired: await make("expired", STAFF_SCOPES, { expiresAt: earlier }),
      revoked: revoked.token,
      staffNarrow: await make("narrow", ["ingest:read"]),
      institutionNarrow: await make("college-a-narrow", ["contact-requests:read"], institution),
      institutionExpired: await make("college-a-expired", INSTITUTION_SCOPES, { ...institution, expiresAt: earlier }),
    },
  };
}

type RouteHandler = (request: Request, segments?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route handler under app/api/v1, by "METHOD /path/{segment}" (the OpenAPI spelling). */
export async function apiV1Handlers(): Promise<Map<string, RouteHandler>> {
  const root = path.resolve(import.meta.dirname, "../..");
  const handlers = new Map<string, RouteHandler>();
  for (const entry of scanRepository(root).entryPoints) {
    if (entry.kind !== "route" || !entry.file.startsWith("app/api/v1/")) continue;
    const openApiPath = routePattern(entry.file)
      .replace(/^\/api\/v1/, "")
      .replace(/\[([^\]]+)\]/g, "{$1}");
    const module = (await import(path.join(root, entry.file))) as Record<string, RouteHandler>;
    handlers.set(`${entry.name} ${openApiPath}`, module[entry.name]!);
  }
  return handlers;
}

export interface ApiCall {
  method: "GET" | "POST";
  path: string;
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the route handler of `path` (matched against the documented templates) with a real Request. */
export async function callApi(handlers: Map<string, RouteHandler>, call: ApiCall): Promise<Response> {
  const [pathname] = call.path.split("?");
  // A fixed segment wins over a {parameter} in the same place (/incidents/export before /incidents/{reference}).
  const byFixedFirst = [...handlers].sort(([a], [b]) => a.split("{").length - b.split("{").length);
  for (const [key, handler] of byFixedFirst) {
    const [method, template] = key.split(" ") as [string, string];
    if (method !== call.method) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^/api/v1${template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    const match = pattern.exec(pathname!);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    const headers: Record<string, string> = { ...call.headers };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    let body = call.body;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers["content-type"] ??= "application/json";
    }
    return handler(
      new Request(`http://localhost${call.path}`, {
        method: call.method,
        headers,
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve(params) },
    );
  }
  throw new Error(`no route handler for ${call.method} ${call.path}`);
}
