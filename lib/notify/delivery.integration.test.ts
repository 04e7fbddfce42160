import { wrapText } from "./wrap-text";
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { startSmtpSink, type SmtpSink, unusedPort } from "@/test/support/smtp-sink";
import { claimDueNotifications, deliverDueNotifications } from "./deliver-notifications";
import { queueIncidentNotifications } from "./queue-incident-notifications";
import { queueDueReminders } from "./queue-reminders";
import { checkResponseToken } from "./response-links";
import { mailTransport } from "./transport";
import { onPostgresOnly } from "@/test/support/postgres";
import { createScanIncident } from "@/test/support/scan-incident";

let sink: SmtpSink;
let collegeId: string;

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";
process.env.APP_URL = "http://localhost:3999";

async function deliver(workerId = "test-worker", url = sink.url) {
  return deliverDueNotifications(db, { workerId, transport: mailTransport(url) });
}

async function incidentWithContacts(
  name: string,
  contacts: Array<{ name: string; email: string; role?: "SECURITY" | "ESCALATION" }>,
  policy: "AUTOMATIC" | "HOLD_FOR_APPROVAL" = "AUTOMATIC",
) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const organisation = await db.organisation.create({
    data: { name, slug, notificationPolicy: policy, contacts: { create: contacts } },
  });
  return createScanIncident(db, { organisationId: organisation.id, organisationName: name });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
  const college = await db.organisation.create({
    data: {
      name: "Example College",
      slug: "example-college",
      blocks: { create: [{ network: "192.0.2.0/24" }] },
      contacts: {
        create: [
          { name: "Sam Security", email: "security@example-college.example", role: "SECURITY" },
          { name: "Abuse desk", email: "abuse@example-college.example", role: "ABUSE" },
          { name: "Head of IT", email: "head@example-college.example", role: "ESCALATION" },
          { name: "Gone", email: "gone@example-college.example", role: "SECURITY", active: false },
        ],
      },
    },
  });
  collegeId = college.id;
});

afterAll(async () => {
  await sink.close();
});

beforeEach(() => {
  sink.messages.length = 0;
  sink.refuseWith = null;
  sink.stallMs = 0;
});

describe("notifications from an ingested flow file", () => {
  it("sends one mail per active contact with the reference, the summary and both attachments byte for byte", async () => {
    const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "nfdump-1.7.1-example.csv") });
    await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    const incident = await db.incident.findFirstOrThrow({
      where: { sourceIp: "192.0.2.45" },
      include: { evidence: true },
    });
    expect(await db.notification.count({ where: { incidentId: incident.id, state: "QUEUED" } })).toBe(2);

    expect(await deliver()).toMatchObject({ sent: 2, retry: 0, failed: 0 });
    expect(sink.messages.map((message) => message.envelopeTo[0]).sort()).toEqual([
      "abuse@example-college.example",
      "security@example-college.example",
    ]);
    const rows = await db.notification.findMany({ where: { incidentId: incident.id } });
    for (const message of sink.messages) {
      const mail = message.parsed;
      expect(mail.subject).toBe(
        `[CSIRT #${incident.reference}] [TLP:AMBER] SSH scanning from 192.0.2.45 (Example College)`,
      );
      // The summary is wrapped like the rest of the mail: the same words, no line past 78 columns.
      expect(mail.text).toContain(wrapText(incident.summary));
      expect(wrapText(incident.summary)).not.toBe(incident.summary);
      for (const line of wrapText(incident.summary).split("\n")) expect(line.length).toBeLessThanOrEqual(78);
      expect(rows.map((row) => row.messageId)).toContain(mail.messageId);
      const stored = Object.fromEntries(
        incident.evidence.map((evidence) => [evidence.fileName, Buffer.from(evidence.content)]),
      );
      // Besides the evidence, the X-ARF report that organisations get by default (lib/notify/reports tests it).
      const evidenceAttachments = mail.attachments.filter(
        (attachment) => attachment.filename !== `csirt-${incident.reference}-xarf.json`,
      );
      expect(evidenceAttachments.length).toBe(mail.attachments.length - 1);
      expect(evidenceAttachments.map((attachment) => attachment.filename).sort()).toEqual(Object.keys(stored).sort());
      for (const attachment of evidenceAttachments)
        expect(Buffer.compare(attachment.content, stored[attachment.filename!]!)).toBe(0);
      expect(mail.text).toMatch(/all 300 flows/);

      const link = /http:\/\/localhost:3999\/respond\/(\S+)/.exec(mail.text ?? "")?.[1];
      const check = await checkResponseToken(db, link!);
      expect(check).toMatchObject({ ok: true, incidentId: incident.id, email: message.envelopeTo[0] });
    }
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { timeline: true } });
    expect(after.status).toBe("NOTIFIED");
    expect(after.timeline.filter((event) => event.type === "NOTIFICATION_SENT")).toHaveLength(2);
    expect(
      (await db.notification.findMany({ where: { incidentId: incident.id } })).every(
        (row) => row.state === "SENT" && row.attempts === 1,
      ),
    ).toBe(true);
    expect(await deliver()).toMatchObject({ sent: 0 });
  });

  it("asks for nothing more when asked twice, and a relapse re-notifies with the update template", async () => {
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    const again = await queueIncidentNotifications(db, {
      incidentIds: [incident.id],
      actor: { label: "analyst" },
      purpose: "FIRST_NOTICE",
    });
    expect(again).toEqual({
      queued: 0,
      skipped: [{ incidentId: incident.id, reason: "its contacts were already notified" }],
    });
  });
});

describe("delivery guarantees", () => {
  it("survives an SMTP outage: 50 messages retry with backoff, then each arrives exactly once, even with two workers racing", async () => {
    const contacts = Array.from({ length: 50 }, (_, i) => ({ name: `Contact ${i}`, email: `c${i}@outage.example` }));
    const incident = await incidentWithContacts("Outage University", contacts);
    await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "analyst" } });

    const downPort = await unusedPort();
    const first = await deliver("w1", `smtp://127.0.0.1:${downPort}`);
    expect(first).toMatchObject({ sent: 0, retry: 50 });
    const waiting = await db.notification.findMany({ where: { incidentId: incident.id } });
    expect(
      waiting.every(
        (row) =>
          row.state === "QUEUED" &&
          row.attempts === 1 &&
          row.nextAttemptAt > new Date() &&
          /ECONNREFUSED/.test(row.lastError ?? ""),
      ),
    ).toBe(true);
    expect(await claimDueNotifications(db, { workerId: "early" })).toEqual([]);

    const restored = await startSmtpSink({ port: downPort });
    try {
      await db.notification.updateMany({ where: { incidentId: incident.id }, data: { nextAttemptAt: new Date() } });
      const [a, b] = await Promise.all([deliver("w1", restored.url), deliver("w2", restored.url)]);
      expect(a.sent! + b.sent!).toBe(50);
      const ids = restored.messages.map((message) => message.parsed.messageId);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
      expect(new Set(restored.messages.map((message) => message.envelopeTo[0])).size).toBe(50);
      expect(await db.notification.count({ where: { incidentId: incident.id, state: "SENT", attempts: 2 } })).toBe(50);
    } finally {
      await restored.close();
    }
  });

  it("gives up at once on a permanent refusal and keeps trying after a temporary one", async () => {
    const incident = await incidentWithContacts("Refusing College", [
      { name: "Bounce", email: "bounce@refusing.example" },
    ]);
    await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "analyst" } });
    sink.refuseWith = 451;
    expect(await deliver()).toMatchObject({ retry: 1 });
    await db.notification.updateMany({ where: { incidentId: incident.id }, data: { nextAttemptAt: new Date() } });
    sink.refuseWith = 550;
    expect(await deliver()).toMatchObject({ failed: 1 });
    const row = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(row.state).toBe("FAILED");
    expect(row.lastError).toMatch(/550/);
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id, type: "NOTIFICATION_FAILED" } })).toBe(1);
  });

  it("holds automatic notices for organisations that approve them, until an analyst sends them", async () => {
    const run = await db.organisation.create({
      data: {
        name: "Careful Institute",
        slug: "careful-institute",
        notificationPolicy: "HOLD_FOR_APPROVAL",
        blocks: { create: [{ network: "2001:db8:10::/48" }] },
        contacts: { create: [{ name: "Careful", email: "sec@careful.example" }] },
      },
    });
    const ingest = await createIngestRun(db, {
      source: "CLI",
      filePath: fixture("flows", "seed-format-example.txt"),
      fileName: "held.txt",
    });
    await processIngestRun(db, ingest.id, { now: () => FIXTURE_INGEST_TIME });
    const incident = await db.incident.findFirstOrThrow({ where: { organisationId: run.id } });
    expect((await db.notification.findMany({ where: { incidentId: incident.id } })).map((row) => row.state)).toEqual([
      "HELD",
    ]);
    expect(await deliver()).toMatchObject({ sent: 0 });
    await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "analyst" } });
    expect(await deliver()).toMatchObject({ sent: 1 });
  });

  it("reminds the contacts and the escalation contact once when nobody acknowledges", async () => {
    const incident = await db.incident.findFirstOrThrow({
      where: { sourceIp: "192.0.2.45", organisationId: collegeId },
    });
    expect(await queueDueReminders(db, { afterHours: 72 })).toBe(0);
    await db.notification.updateMany({
      where: { incidentId: incident.id },
      data: { sentAt: new Date(Date.now() - 80 * 3600_000) },
    });
    expect(await queueDueReminders(db, { afterHours: 72 })).toBe(3);
    expect(await queueDueReminders(db, { afterHours: 72 })).toBe(0);
    await deliver();
    const reminders = sink.messages.filter((message) =>
      message.parsed.subject?.startsWith(`[CSIRT #${incident.reference}] [TLP:AMBER] Reminder`),
    );
    expect(reminders.map((message) => message.envelopeTo[0]).sort()).toEqual([
      "abuse@example-college.example",
      "head@example-college.example",
      "security@example-college.example",
    ]);
  });

  it("cannot be steered by hostile names: no injected headers or recipients", async () => {
    const incident = await incidentWithContacts("Evil <b>College</b>\r\nBcc: victim@example.org", [
      { name: "Eve\r\nBcc: x@evil.example", email: "eve@evil-college.example" },
    ]);
    await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "analyst" } });
    expect(await deliver()).toMatchObject({ sent: 1 });
    const [message] = sink.messages;
    expect(message!.envelopeTo).toEqual(["eve@evil-college.example"]);
    expect(message!.parsed.headers.has("bcc")).toBe(false);
    const headerBlock = message!.raw.toString("utf8").split("\r\n\r\n")[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(message!.parsed.subject).toBe(
      `[CSIRT #${incident.reference}] [TLP:AMBER] SSH scanning from 198.18.0.9 (Evil <b>College</b> Bcc: victim@example.org)`,
    );
  });
});

describe.runIf(process.env.TEST_DB === "postgres")(onPostgresOnly("a worker killed while sending"), () => {
  it("neither loses nor doubles the message after restart", async () => {
    const incident = await incidentWithContacts("Crash College", [
      { name: "Crash", email: "crash@crash-college.example" },
    ]);
    await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "analyst" } });
    sink.stallMs = 30_000;
    // node itself (not the tsx wrapper, whose child would outlive a SIGKILL) runs the worker.
    const worker = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("test/support/deliver-notifications-once.ts")],
      {
        env: { ...process.env, SMTP_URL: sink.url, DATABASE_URL: process.env.DATABASE_URL },
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 30_000;
    while ((await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } })).state !== "SENDING") {
      if (Date.now() > deadline) throw new Error("the worker never claimed the message");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker.once("exit", resolve));
    expect(sink.messages).toHaveLength(0);

    sink.stallMs = 0;
    expect(await deliver()).toMatchObject({ sent: 0 });
    // The lease of the dead worker runs out; the message is claimed again and sent once.
    await db.notification.updateMany({
      where: { incidentId: incident.id },
      data: { claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    expect(await deliver()).toMatchObject({ sent: 1 });
    const row = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(row).toMatchObject({ state: "SENT", attempts: 2 });
    expect(sink.messages.map((message) => message.parsed.messageId)).toEqual([row.messageId]);
  });
});
