import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordThirdPartyReport } from "@/lib/incidents/record-third-party-report";
import { transitionIncident } from "@/lib/incidents/transition-incident";
import { acknowledgeIncident } from "@/lib/portal/portal-incidents";
import { updateSettings } from "@/lib/settings/update-settings";
import { deliverDueWebhooks } from "./deliver-webhooks";
import { createWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "./manage-webhook-endpoints";
import { replayWebhookDelivery } from "./replay-webhook-delivery";
import { sendWebhook } from "./send-webhook";

const admin = { id: null, label: "admin@csirt.example" };
const ALL_EVENTS = [
  "INCIDENT_CREATED",
  "INCIDENT_UPDATED",
  "INCIDENT_STATUS_CHANGED",
  "INSTITUTION_RESPONDED",
] as const;

/** As if the backoff had passed. */
async function backoffPassed(): Promise<void> {
  await db.webhookDelivery.updateMany({ where: { state: "QUEUED" }, data: { nextAttemptAt: new Date(0) } });
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: 204, or the statuses scripted for a webhook-id (or a path) in turn. */
let server: Server;
let base: string;
const received: Received[] = [];
const script = new Map<string, number[]>();

/**
 * The receiver's side of Standard Webhooks, written from the specification (not from our signer):
 * the secret's base64 after `whsec_` is the key; the signed content is `id.timestamp.body`; the
 * header holds space-separated `v1,<base64>` signatures; the timestamp must be recent.
 */
function verifySignature(secret: string, request: Received): boolean {
  const id = String(request.headers["webhook-id"]);
  const timestamp = String(request.headers["webhook-timestamp"]);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac("sha256", Buffer.from(secret.split("_")[1]!, "base64"))
    .update(`${id}.${timestamp}.${request.body}`)
    .digest();
  return String(request.headers["webhook-signature"])
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

let incidentId: string;
let incidentReference: number;
let endpointId: string;
let secret: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const key = String(request.headers["webhook-id"] ?? request.url);
      const status = script.get(key)?.shift() ?? 204;
      if (status === 302) response.writeHead(302, { location: `${base}/elsewhere` }).end();
      else response.writeHead(status, { "content-type": "text/plain" }).end(status >= 400 ? "receiver broke" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await updateSettings(db, {
    values: {
      "webhooks.allowedHosts": ["127.0.0.1", "localhost", "169.254.169.254", "*.example.org"],
      "webhooks.allowLoopback": 1,
    },
    actor: admin,
  });
  await db.organisation.create({
    data: { name: "Harwell College", slug: "harwell", blocks: { create: [{ network: "212.219.244.0/24" }] } },
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("webhook endpoints", () => {
  it("refuse URLs that are not http(s), carry credentials, are not allowed, or point at loopback or link-local", async () => {
    const refused = async (url: string) =>
      (
        await rejection(
          createWebhookEndpoint(db, {
            input: { url, description: "", events: ["INCIDENT_CREATED"], enabled: true },
            actor: admin,
          }),
        )
      ).message;
    expect(await refused("https://hooks.elsewhere.net/csirt")).toMatch(/not on the list of hosts/);
    expect(await refused("ftp://127.0.0.1/hook")).toMatch(/Only http and https/);
    expect(await refused(`http://user:secret@127.0.0.1:${new URL(base).port}/hook`)).toMatch(/user name or password/);
    expect(await refused("http://169.254.169.254/latest/meta-data")).toMatch(/link-local/);
    expect(await refused("not a url")).toMatch(/not a URL/);
    await updateSettings(db, { values: { "webhooks.allowLoopback": 0 }, actor: admin });
    expect(await refused(`${base}/hook`)).toMatch(/loopback/);
    expect(await refused("http://localhost/hook")).toMatch(/loopback/);
    await updateSettings(db, { values: { "webhooks.allowLoopback": 1 }, actor: admin });
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("are made with a whsec_ secret, shown once, and every change is audited", async () => {
    const made = await createWebhookEndpoint(db, {
      input: { url: `${base}/hook`, description: "SOAR", events: [...ALL_EVENTS], enabled: true },
      actor: admin,
    });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    endpointId = made.id;
    secret = made.secret;
    const actions = await db.auditLog.findMany({ where: { targetId: endpointId }, select: { action: true } });
    expect(actions.map((entry) => entry.action)).toEqual(["webhook.create"]);
  });
});

describe("webhook deliveries", () => {
  it("a new incident is delivered signed; a 500 is retried with the same id and body until it succeeds", async () => {
    const report = await recordThirdPartyReport(db, {
      text: "Aug 30 18:50:35 gorgon sshd[429]: Failed password for root from 212.219.244.66 port 37781 ssh2",
      reporter: "Example Hosting CERT",
      year: 2010,
      actor: admin,
    });
    incidentId = report.incidents[0]!.incidentId;
    incidentReference = report.incidents[0]!.reference;
    const created = await db.webhookDelivery.findFirstOrThrow({ where: { incidentId, eventType: "INCIDENT_CREATED" } });

    received.length = 0;
    script.set(created.id, [500]);
    const first = await deliverDueWebhooks(db);
    expect(first.retry).toBe(1);
    const failedOnce = await db.webhookDelivery.findUniqueOrThrow({ where: { id: created.id } });
    expect(failedOnce).toMatchObject({ state: "QUEUED", attempts: 1, lastError: "HTTP 500" });
    expect(failedOnce.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Nothing is due before the backoff has passed.
    expect(await deliverDueWebhooks(db)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    await backoffPassed();
    expect((await deliverDueWebhooks(db)).delivered).toBe(1);

    const sent = received.filter((request) => request.headers["webhook-id"] === created.id);
    expect(sent.length).toBe(2);
    expect(sent[0]!.body).toBe(sent[1]!.body);
    for (const request of sent) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(verifySignature(secret, request)).toBe(true);
      expect(verifySignature("whsec_c29tZW9uZSBlbHNlJ3Mgc2VjcmV0IGtleSEh", request)).toBe(false);
    }
    const payload = JSON.parse(sent[1]!.body);
    expect(payload).toMatchObject({
      type: "incident.created",
      data: {
        incident: {
          id: incidentId,
          reference: incidentReference,
          organisation: "Harwell College",
          sourceAddress: "212.219.244.66",
          tlp: "AMBER",
        },
      },
    });
    const delivered = await db.webhookDelivery.findUniqueOrThrow({
      where: { id: created.id },
      include: { log: { orderBy: { startedAt: "asc" } } },
    });
    expect(delivered.state).toBe("DELIVERED");
    expect(delivered.log.map((attempt) => attempt.statusCode)).toEqual([500, 204]);
    expect(delivered.log[0]!.error).toBe("HTTP 500");
    expect(delivered.log[0]!.responseSnippet).toBe("receiver broke");
  });

  it("an analyst's status change emits exactly one event, incident.status_changed", async () => {
    const before = await db.webhookDelivery.count();
    await transitionIncident(db, {
      incidentId,
      to: "NOTIFIED",
      actor: { id: null, label: "analyst@csirt.example", kind: "STAFF" },
    });
    const added = await db.webhookDelivery.findMany({ where: {}, orderBy: { createdAt: "asc" }, skip: before });
    expect(added.map((delivery) => delivery.eventType)).toEqual(["INCIDENT_STATUS_CHANGED"]);
    expect(added[0]!.payload).toMatchObject({
      type: "incident.status_changed",
      data: {
        incident: { status: "NOTIFIED" },
        entry: { kind: "STATUS_CHANGED", data: { from: "NEW", to: "NOTIFIED" } },
      },
    });
  });

  it("a TLP:RED incident's event says that something changed, not the address, summary or entry text", async () => {
    await db.incident.update({ where: { id: incidentId }, data: { tlp: "RED" } });
    const before = await db.webhookDelivery.count();
    await db.timelineEvent.create({
      data: {
        incidentId,
        type: "NOTE",
        visibility: "INTERNAL",
        actorKind: "STAFF",
        actorLabel: "analyst@csirt.example",
        message: "The host 212.219.244.66 belongs to the vice-chancellor.",
      },
    });
    await db.incident.update({ where: { id: incidentId }, data: { tlp: "AMBER" } });
    const added = await db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" }, skip: before });
    expect(added.map((delivery) => delivery.eventType)).toEqual(["INCIDENT_UPDATED"]);
    const payload = added[0]!.payload as {
      data: { incident: Record<string, unknown>; entry: Record<string, unknown> };
    };
    expect(payload.data.incident).toMatchObject({
      reference: incidentReference,
      tlp: "RED",
      sourceAddress: null,
      summary: null,
    });
    expect(payload.data.entry).toMatchObject({ kind: "NOTE", message: null, data: null });
    expect(JSON.stringify(payload)).not.toContain("212.219.244.66");
  });

  it("an institution's acknowledgement is a status change and a response", async () => {
    const before = await db.webhookDelivery.count();
    await acknowledgeIncident(db, {
      caller: { kind: "link", tokenId: "t", incidentId, contactId: null, email: "abuse@harwell.example" },
      reference: incidentReference,
    });
    const added = await db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" }, skip: before });
    expect(added.map((delivery) => delivery.eventType).sort()).toEqual([
      "INCIDENT_STATUS_CHANGED",
      "INSTITUTION_RESPONDED",
    ]);
  });

  it("two workers never send one delivery twice", async () => {
    received.length = 0;
    const due = await db.webhookDelivery.count({ where: { state: "QUEUED" } });
    expect(due).toBeGreaterThanOrEqual(3);
    await Promise.all([deliverDueWebhooks(db), deliverDueWebhooks(db), deliverDueWebhooks(db)]);
    const ids = received.map((request) => request.headers["webhook-id"]);
    expect(ids.length).toBe(due);
    expect(new Set(ids).size).toBe(due);
  });

  it("a replay sends the same id and body again, signed with the current secret, logged as a replay", async () => {
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { incidentId, eventType: "INCIDENT_CREATED" },
    });
    const original = await db.webhookAttempt.count({ where: { deliveryId: delivery.id } });
    const { secret: rotated } = await rotateWebhookSecret(db, { id: endpointId, actor: admin });
    received.length = 0;
    await replayWebhookDelivery(db, { deliveryId: delivery.id, actor: admin });
    expect((await rejection(replayWebhookDelivery(db, { deliveryId: delivery.id, actor: admin }))).code).toBe(
      "CONFLICT",
    );
    await deliverDueWebhooks(db);
    expect(received.length).toBe(1);
    expect(received[0]!.headers["webhook-id"]).toBe(delivery.id);
    expect(received[0]!.body).toBe(JSON.stringify(delivery.payload));
    expect(verifySignature(rotated, received[0]!)).toBe(true);
    expect(verifySignature(secret, received[0]!)).toBe(false);
    const log = await db.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { startedAt: "asc" } });
    expect(log.length).toBe(original + 1);
    expect(log.at(-1)).toMatchObject({ replay: true, statusCode: 204 });
    const audit = await db.auditLog.findMany({
      where: { action: { startsWith: "webhook." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.create", "webhook.rotate-secret", "webhook.replay"]);
  });

  it("an address refused since the endpoint was saved is refused at delivery; redirects are not followed", async () => {
    await updateSettings(db, { values: { "webhooks.allowLoopback": 0 }, actor: admin });
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { incidentId, eventType: "INCIDENT_CREATED" },
    });
    await replayWebhookDelivery(db, { deliveryId: delivery.id, actor: admin });
    received.length = 0;
    await deliverDueWebhooks(db);
    expect(received.length).toBe(0);
    const refused = await db.webhookAttempt.findFirstOrThrow({
      where: { deliveryId: delivery.id },
      orderBy: { startedAt: "desc" },
    });
    expect(refused.error).toMatch(/^refused: .*loopback/);
    // A host taken off the allow-list since: refused too, and not tried again.
    await updateSettings(db, {
      values: { "webhooks.allowLoopback": 1, "webhooks.allowedHosts": ["*.example.org"] },
      actor: admin,
    });
    await replayWebhookDelivery(db, { deliveryId: delivery.id, actor: admin });
    await deliverDueWebhooks(db);
    expect(received.length).toBe(0);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      state: "FAILED",
      lastError: expect.stringMatching(/^refused: 127\.0\.0\.1 is not on the list/),
    });
    await updateSettings(db, {
      values: { "webhooks.allowLoopback": 0, "webhooks.allowedHosts": ["127.0.0.1", "localhost", "*.example.org"] },
      actor: admin,
    });
    // A name is checked when the connection is made, not only when saved (DNS rebinding).
    const byName = await sendWebhook({
      url: `http://localhost:${new URL(base).port}/x`,
      headers: {},
      body: "{}",
      timeoutMs: 2000,
      allowLoopback: false,
    });
    expect(byName.error).toMatch(/^refused: localhost resolves to .*loopback/);
    expect(received.length).toBe(0);

    script.set("/moved", [302]);
    const redirected = await sendWebhook({
      url: `${base}/moved`,
      headers: {},
      body: "{}",
      timeoutMs: 2000,
      allowLoopback: true,
    });
    expect(redirected.statusCode).toBe(302);
    expect(redirected.error).toMatch(/not followed/);
    expect(received.map((request) => request.path)).toEqual(["/moved"]);
    await updateSettings(db, { values: { "webhooks.allowLoopback": 1 }, actor: admin });
  });

  it("a disabled endpoint is told nothing new", async () => {
    await updateWebhookEndpoint(db, {
      id: endpointId,
      input: { url: `${base}/hook`, description: "SOAR", events: [...ALL_EVENTS], enabled: false },
      actor: admin,
    });
    const before = await db.webhookDelivery.count();
    await transitionIncident(db, {
      incidentId,
      to: "RESOLVED",
      actor: { id: null, label: "analyst@csirt.example", kind: "STAFF" },
    });
    expect(await db.webhookDelivery.count()).toBe(before);
  });
});
