import { unzipSync } from "fflate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyBounceInTx } from "@/lib/mail/apply-bounce";
import { setDeliveryMode } from "@/lib/orgs/set-delivery-mode";
import { seedDefaults } from "@/prisma/seed";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { buildDueDigests } from "./build-due-digests";
import { deliverDueDigests } from "./deliver-digests";
import { deliverDueNotifications } from "./deliver-notifications";
import { countNoticeOutcomes, listNoticeOutcomes } from "./list-notice-outcomes";
import { queueIncidentNotifications, queueNotificationsInTx } from "./queue-incident-notifications";
import { queueDueReminders } from "./queue-reminders";
import { checkResponseToken } from "./response-links";
import { mailTransport } from "./transport";

let sink: SmtpSink;
process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";
process.env.APP_URL = "http://localhost:3999";

const actor = { id: null, label: "test" };
// 03:00 in Amsterdam (CET, UTC+1); the daily digest at 08:00 local is 07:00 UTC.
const NIGHT = new Date("2027-01-09T02:00:00Z");
const DIGEST_TIME = new Date("2027-01-09T07:00:00Z");

async function organisation(
  name: string,
  {
    contacts = [{ name: "Sam Security", email: `security@${name.toLowerCase().replace(/\W+/g, "-")}.example` }],
    policy = "AUTOMATIC",
  }: { contacts?: Array<{ name: string; email: string }>; policy?: "AUTOMATIC" | "HOLD_FOR_APPROVAL" } = {},
) {
  return db.organisation.create({
    data: {
      name,
      slug: name.toLowerCase().replace(/\W+/g, "-"),
      timeZone: "Europe/Amsterdam",
      notificationPolicy: policy,
      contacts: { create: contacts },
    },
  });
}

/** An incident as detection raises it (with its flows and sample), and the notice decision in the same transaction. */
async function raise(
  organisationId: string,
  sourceIp: string,
  { distinctTargets = 150, flows = 3, now = NIGHT }: { distinctTargets?: number; flows?: number; now?: Date } = {},
) {
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        type: "SSH_SCAN",
        organisationId,
        sourceIp,
        port: 22,
        firstSeen: new Date("2027-01-09T01:50:00Z"),
        lastSeen: new Date("2027-01-09T01:59:00Z"),
        flowCount: flows,
        distinctTargets,
        summary: `An IP at the member, ${sourceIp} was scanning for port 22/tcp sending at least ${flows} flows between 2027-01-09T01:50:00+00:00 and 2027-01-09T01:59:00+00:00.`,
        openKey: `SSH_SCAN:${organisationId}:${sourceIp}`,
      },
    });
    const csv = [
      "start,end,src_ip,src_port,dst_ip,dst_port,proto,packets,bytes",
      ...Array.from(
        { length: flows },
        (_, i) =>
          `2027-01-09T01:5${i % 10}:00Z,2027-01-09T01:5${i % 10}:01Z,${sourceIp},4${i},203.0.113.${i % 250},22,tcp,1,60`,
      ),
    ].join("\n");
    await tx.evidence.createMany({
      data: [
        {
          incidentId: incident.id,
          kind: "FLOW_SAMPLE",
          title: "Log sample",
          fileName: `csirt-${incident.reference}-log-sample.txt`,
          contentType: "text/plain; charset=utf-8",
          content: Buffer.from(`sample of ${sourceIp}\n`),
          sha256: "x",
        },
        {
          incidentId: incident.id,
          kind: "FLOW_LIST",
          title: "Flows",
          fileName: `csirt-${incident.reference}-flows.csv`,
          contentType: "text/csv; charset=utf-8",
          content: Buffer.from(`${csv}\n`),
          sha256: "y",
          meta: { flows },
        },
      ],
    });
    const outcome = await queueNotificationsInTx(tx, {
      incidentId: incident.id,
      purpose: "FIRST_NOTICE",
      actor: { label: "worker" },
      automatic: true,
      now,
    });
    return { incident, outcome };
  });
}

async function dailyAt8(organisationId: string) {
  await setDeliveryMode(db, {
    organisationId,
    mode: { deliveryMode: "DAILY", digestAtMinute: 480, digestEveryHours: null },
    actor,
  });
}

const transport = () => mailTransport(sink.url);

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
});

afterAll(async () => {
  await sink.close();
});

beforeEach(async () => {
  sink.messages.length = 0;
  await db.setting.updateMany({ where: { key: "notify.dailyCapPerOrganisation" }, data: { value: 0 } });
  await db.setting.updateMany({ where: { key: "notify.digestZipAboveKiB" }, data: { value: 512 } });
});

describe("digests", () => {
  it("sends one mail for three incidents at the organisation's 08:00, with one flows file and three links; a severe one goes at once", async () => {
    const org = await organisation("Amsterdam University");
    await dailyAt8(org.id);
    const raised = [];
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) raised.push(await raise(org.id, ip));
    expect(raised.map((r) => r.outcome)).toEqual(Array(3).fill({ queued: 0, held: 0, digest: 1 }));

    // Nothing leaves with the ordinary outbox, and the reason is on each incident.
    expect(await deliverDueNotifications(db, { workerId: "w", transport: transport() })).toMatchObject({ sent: 0 });
    const waiting = await listNoticeOutcomes(db, { incidentId: raised[0]!.incident.id });
    expect(waiting.lines).toHaveLength(1);
    expect(waiting.lines[0]).toMatchObject({ outcome: "DIGEST", to: "security@amsterdam-university.example" });
    expect(waiting.lines[0]!.reason).toBe("Waiting for the digest at 08:00 CET on 9 January 2027.");

    // A severe incident (more distinct destinations than the setting) goes at once.
    const severe = await raise(org.id, "198.51.100.9", { distinctTargets: 9000 });
    expect(severe.outcome).toEqual({ queued: 1, held: 0, digest: 0 });
    await deliverDueNotifications(db, { workerId: "w", transport: transport() });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.parsed.subject).toContain(`#${severe.incident.reference}`);
    const severeLines = await listNoticeOutcomes(db, { incidentId: severe.incident.id });
    expect(severeLines.lines[0]!.reason).toMatch(/^Sent at once \(more than 5,000 distinct destinations\) on /);
    sink.messages.length = 0;

    // Not due a minute early; due at 08:00 local; the job running again builds nothing more.
    expect(await buildDueDigests(db, { now: new Date(DIGEST_TIME.getTime() - 60_000) })).toBe(0);
    expect(await buildDueDigests(db, { now: DIGEST_TIME })).toBe(1);
    expect(await buildDueDigests(db, { now: DIGEST_TIME })).toBe(0);
    expect(await db.noticeDigest.count({ where: { organisationId: org.id } })).toBe(1);

    expect(await deliverDueDigests(db, { workerId: "w1", transport: transport(), now: DIGEST_TIME })).toMatchObject({
      sent: 1,
    });
    expect(await deliverDueDigests(db, { workerId: "w2", transport: transport(), now: DIGEST_TIME })).toMatchObject({
      sent: 0,
    });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.parsed.subject).toBe("[CSIRT] [TLP:AMBER] 3 incidents in your network (Amsterdam University)");
    const digest = await db.noticeDigest.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(mail.parsed.messageId).toBe(digest.messageId);
    expect(mail.envelopeFrom.startsWith(`bounces+${digest.id}@`)).toBe(true);

    const text = mail.parsed.text ?? "";
    const links = [...text.matchAll(/http:\/\/localhost:3999\/respond\/(\S+)/g)].map((match) => match[1]!);
    expect(links).toHaveLength(3);
    const checked = await Promise.all(links.map((token) => checkResponseToken(db, token)));
    expect(checked.map((check) => (check.ok ? check.incidentId : null)).sort()).toEqual(
      raised.map((r) => r.incident.id).sort(),
    );
    for (const r of raised) {
      expect(text).toContain(`#${r.incident.reference} New: SSH scan from ${r.incident.sourceIp}`);
      expect(text).toContain(`sample of ${r.incident.sourceIp}`);
    }

    const flowFiles = mail.parsed.attachments.filter((file) => /flows\.csv(\.zip)?$/.test(file.filename ?? ""));
    expect(flowFiles).toHaveLength(1);
    const csvLines = flowFiles[0]!.content.toString("utf8").trim().split("\n");
    expect(csvLines[0]).toBe("incident,start,end,src_ip,src_port,dst_ip,dst_port,proto,packets,bytes");
    expect(csvLines).toHaveLength(1 + 9);
    expect(new Set(csvLines.slice(1).map((line) => Number(line.split(",")[0])))).toEqual(
      new Set(raised.map((r) => r.incident.reference)),
    );
    // X-ARF (the organisation's default format): one report per incident.
    expect(mail.parsed.attachments.filter((file) => file.filename?.endsWith("-xarf.json"))).toHaveLength(3);

    for (const r of raised) {
      const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incident.id } });
      expect(incident.status).toBe("NOTIFIED");
      const [line] = (await listNoticeOutcomes(db, { incidentId: r.incident.id })).lines;
      expect(line).toMatchObject({ outcome: "SENT" });
      expect(line!.reason).toMatch(/^Sent in the digest on 9 January 2027, 07:00 UTC\.$/);
    }
  });

  it("writes a German organisation's digest in German: template, kinds, dates and the attachment note", async () => {
    const org = await organisation("Universität Beispielstadt");
    await db.organisation.update({ where: { id: org.id }, data: { language: "de" } });
    await dailyAt8(org.id);
    for (const ip of ["198.51.100.21", "198.51.100.22"]) await raise(org.id, ip);
    expect(await buildDueDigests(db, { now: DIGEST_TIME })).toBe(1);
    await deliverDueDigests(db, { workerId: "w", transport: transport(), now: DIGEST_TIME });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.parsed.subject).toBe("[CSIRT] [TLP:AMBER] 2 Vorfälle in Ihrem Netz (Universität Beispielstadt)");
    const text = mail.parsed.text ?? "";
    // The marking heads the text, in the notice's language.
    expect(text).toMatch(/^TLP:AMBER: Eingeschränkte Weitergabe: [\s\S]+?\n\nGuten Tag /);
    expect(text).toContain("#");
    expect(text).toMatch(/== #\d+ Neu: SSH-Scan von 198\.51\.100\.21/);
    expect(text).toMatch(/Januar 2027/);
    expect(text).toMatch(/Anhänge:\n- csirt-digest-.*-flows\.csv: 6 Flows aller oben genannten Vorfälle/);
    expect(text).not.toMatch(/\b(incidents?|Attached|Dear)\b/);
  });

  it("zips the flows file above the size setting", async () => {
    await db.setting.updateMany({ where: { key: "notify.digestZipAboveKiB" }, data: { value: 1 } });
    const org = await organisation("Big Flows College");
    await dailyAt8(org.id);
    await raise(org.id, "198.51.100.20", { flows: 40 });
    await raise(org.id, "198.51.100.21", { flows: 40 });
    await buildDueDigests(db, { now: DIGEST_TIME });
    await deliverDueDigests(db, { workerId: "w", transport: transport(), now: DIGEST_TIME });
    const mail = sink.messages.find((message) => message.parsed.subject?.includes("Big Flows College"))!;
    const zips = mail.parsed.attachments.filter((file) => file.filename?.endsWith(".zip"));
    expect(zips).toHaveLength(1);
    expect(zips[0]!.contentType).toBe("application/zip");
    const files = unzipSync(new Uint8Array(zips[0]!.content));
    const [name] = Object.keys(files);
    expect(name).toMatch(/^csirt-digest-20270109-0700-flows\.csv$/);
    expect(Buffer.from(files[name!]!).toString("utf8").trim().split("\n")).toHaveLength(81);
    expect(mail.parsed.attachments.some((file) => file.filename?.endsWith("flows.csv"))).toBe(false);
  });

  it("a notice arriving after its period's digest went waits for the next one; switching to immediate sends what waits", async () => {
    const org = await organisation("Late Notices School");
    await dailyAt8(org.id);
    const first = await raise(org.id, "198.51.100.30");
    await buildDueDigests(db, { now: DIGEST_TIME });
    await deliverDueDigests(db, { workerId: "w", transport: transport(), now: DIGEST_TIME });
    // Queued before 08:00, committed after the digest had gone: same due time, a new digest is not possible.
    const late = await raise(org.id, "198.51.100.31", { now: new Date(DIGEST_TIME.getTime() - 1000) });
    expect(await buildDueDigests(db, { now: new Date(DIGEST_TIME.getTime() + 60_000) })).toBe(0);
    const row = await db.notification.findFirstOrThrow({ where: { incidentId: late.incident.id } });
    expect(row).toMatchObject({ state: "DIGEST", digestId: null });
    expect(row.digestDueAt!.getTime()).toBeGreaterThan(DIGEST_TIME.getTime());
    expect(first.outcome.digest).toBe(1);

    // An analyst who notifies from the incident page sends a waiting notice at once.
    const urgent = await raise(org.id, "198.51.100.32");
    expect(
      await queueIncidentNotifications(db, { incidentIds: [urgent.incident.id], actor: { label: "analyst" } }),
    ).toEqual({
      queued: 1,
      skipped: [],
    });
    expect(await db.notification.findFirstOrThrow({ where: { incidentId: urgent.incident.id } })).toMatchObject({
      state: "QUEUED",
      digestDueAt: null,
    });

    await setDeliveryMode(db, {
      organisationId: org.id,
      mode: { deliveryMode: "IMMEDIATE", digestAtMinute: null, digestEveryHours: null },
      actor,
    });
    expect(await db.notification.findFirstOrThrow({ where: { incidentId: late.incident.id } })).toMatchObject({
      state: "QUEUED",
    });
  });

  it("reminders of incidents told in a digest count from the digest and go in the next digest", async () => {
    const org = await organisation("Reminder Polytechnic");
    await dailyAt8(org.id);
    const { incident } = await raise(org.id, "198.51.100.40");
    await buildDueDigests(db, { now: DIGEST_TIME });
    await deliverDueDigests(db, { workerId: "w", transport: transport(), now: DIGEST_TIME });
    const sentAt = (await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } })).sentAt!;
    expect(await queueDueReminders(db, { afterHours: 72, now: new Date(sentAt.getTime() + 71 * 3600_000) })).toBe(0);
    expect(await queueDueReminders(db, { afterHours: 72, now: new Date(sentAt.getTime() + 73 * 3600_000) })).toBe(1);
    const reminder = await db.notification.findFirstOrThrow({
      where: { incidentId: incident.id, purpose: "REMINDER" },
    });
    expect(reminder.state).toBe("DIGEST");
  });
});

describe("digest bounces and the digest template", () => {
  it("a hard bounce of a digest marks every notice it carried as bounced, once, and counts one bounce on the contact", async () => {
    const org = await organisation("Bouncing Digest College");
    await dailyAt8(org.id);
    const a = await raise(org.id, "198.51.100.100");
    const b = await raise(org.id, "198.51.100.101");
    await buildDueDigests(db, { now: DIGEST_TIME });
    await deliverDueDigests(db, { workerId: "w", transport: transport(), now: DIGEST_TIME });
    const digest = await db.noticeDigest.findFirstOrThrow({ where: { organisationId: org.id } });
    const bounce = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) =>
      applyBounceInTx(tx, {
        recipients: [`bounces+${digest.id}@csirt.example`],
        deliveryStatus: {
          reportingMta: "mx.example",
          recipients: [
            { finalRecipient: digest.toAddress, action: "failed", status: "5.1.1", diagnostic: "no such user" },
          ],
          originalMessageId: digest.messageId,
        },
        undeliverableAfter: 2,
        now: new Date(),
      });
    expect((await db.$transaction(bounce)).severity).toBe("hard");
    await db.$transaction(bounce);
    for (const { incident } of [a, b])
      expect((await listNoticeOutcomes(db, { incidentId: incident.id })).lines[0]).toMatchObject({
        outcome: "BOUNCED",
        reason: "Bounced: 5.1.1 no such user.",
      });
    expect((await db.contact.findFirstOrThrow({ where: { organisationId: org.id } })).hardBounces).toBe(1);
  });

  it("the digest template is edited like the others, checked against its own variables", async () => {
    const { saveTemplate, previewTemplate } = await import("./manage-templates");
    const template = await db.template.findUniqueOrThrow({
      where: { incidentType_purpose_language: { incidentType: "OTHER", purpose: "DIGEST", language: "en" } },
    });
    await expect(
      saveTemplate(db, {
        templateId: template.id,
        template: { subject: "Digest {{reference}}", textBody: "{{advice}}" },
        actor,
      }),
    ).rejects.toThrow("The text body uses {{advice}}, which is not a variable templates can use.");
    const preview = await previewTemplate(db, {
      template: { subject: template.subject, textBody: template.textBody },
      incidentType: "OTHER",
      digest: true,
    });
    expect(preview.ok).toBe(true);
    if (preview.ok) expect(preview.message.text).toMatch(/== #\d+ (New|Started again): SSH scan from /);
  });
});

describe("why nothing was sent", () => {
  it("says on each incident what happened to its notice and why, and the organisation page counts them", async () => {
    // Held for approval.
    const holding = await organisation("Approval First Academy", { policy: "HOLD_FOR_APPROVAL" });
    const held = await raise(holding.id, "198.51.100.50");
    // No active contact: nothing written, the incident is flagged.
    const empty = await organisation("Nobody Home Institute", { contacts: [] });
    const lonely = await raise(empty.id, "198.51.100.51");
    // Suppressed by an approved, unexpired allow-list entry covering the source.
    const allowing = await organisation("Scanner Lab");
    const entry = await db.allowListEntry.create({
      data: {
        organisationId: allowing.id,
        network: "198.51.100.0/28",
        reason: "Our vulnerability scanner",
        expiresAt: new Date("2027-06-30T00:00:00Z"),
        approvedAt: new Date("2027-01-01T00:00:00Z"),
      },
    });
    // An unapproved entry covers nothing.
    await db.allowListEntry.create({
      data: {
        organisationId: allowing.id,
        network: "198.51.100.64/28",
        reason: "Not approved yet",
        expiresAt: new Date("2027-06-30T00:00:00Z"),
      },
    });
    const suppressed = await raise(allowing.id, "198.51.100.5");
    const notSuppressed = await raise(allowing.id, "198.51.100.70");
    // Folded by the daily cap: an organisation told at once, cap 1.
    await db.setting.updateMany({ where: { key: "notify.dailyCapPerOrganisation" }, data: { value: 1 } });
    const busy = await organisation("Busy Network");
    const firstOfDay = await raise(busy.id, "198.51.100.80");
    const folded = await raise(busy.id, "198.51.100.81");
    // Waiting for the digest.
    const digesting = await organisation("Digest Taker");
    await dailyAt8(digesting.id);
    const waiting = await raise(digesting.id, "198.51.100.90");

    expect(suppressed.outcome).toMatchObject({ queued: 0, held: 0, digest: 0 });
    expect(notSuppressed.outcome).toMatchObject({ queued: 1 });
    expect(firstOfDay.outcome).toMatchObject({ queued: 1 });
    expect(folded.outcome).toMatchObject({ queued: 0, digest: 1 });

    // Sent, then bounced (a real DSN's fields, applied as the mailbox reader applies them).
    await deliverDueNotifications(db, { workerId: "w", transport: transport() });
    const bouncedRow = await db.notification.findFirstOrThrow({ where: { incidentId: firstOfDay.incident.id } });
    expect(bouncedRow.state).toBe("SENT");
    await db.$transaction((tx) =>
      applyBounceInTx(tx, {
        recipients: [`bounces+${bouncedRow.id}@csirt.example`],
        deliveryStatus: {
          reportingMta: "mx.busy.example",
          recipients: [
            { finalRecipient: bouncedRow.toAddress, action: "failed", status: "5.1.1", diagnostic: "550 no such user" },
          ],
          originalMessageId: bouncedRow.messageId,
        },
        undeliverableAfter: 2,
        now: new Date(),
      }),
    );

    const reasonOf = async (incidentId: string) => (await listNoticeOutcomes(db, { incidentId })).lines[0]!;
    expect(await reasonOf(held.incident.id)).toMatchObject({
      outcome: "HELD",
      reason: "Held for approval: an analyst releases it.",
    });
    expect(await reasonOf(lonely.incident.id)).toMatchObject({
      outcome: "NO_CONTACT",
      reason: "Not sent: the organisation has no active contact that can be told.",
    });
    expect((await listNoticeOutcomes(db, { incidentId: lonely.incident.id })).noContactAt).not.toBeNull();
    const suppressedLine = await reasonOf(suppressed.incident.id);
    expect(suppressedLine.outcome).toBe("SUPPRESSED");
    expect(suppressedLine.reason).toBe(
      "Not sent: suppressed by the allow-list entry 198.51.100.0/28 (“Our vulnerability scanner”, until 30 June 2027).",
    );
    expect(await db.noticeDecision.findFirstOrThrow({ where: { incidentId: suppressed.incident.id } })).toMatchObject({
      allowListEntryId: entry.id,
    });
    const foldedLine = await reasonOf(folded.incident.id);
    expect(foldedLine.outcome).toBe("FOLDED");
    expect(foldedLine.reason).toMatch(/^Folded by the daily cap: waiting for the digest at 00:00 CET on /);
    expect(await reasonOf(waiting.incident.id)).toMatchObject({ outcome: "DIGEST" });
    expect((await reasonOf(waiting.incident.id)).reason).toMatch(/^Waiting for the digest at 08:00 CET on /);
    expect(await reasonOf(firstOfDay.incident.id)).toMatchObject({
      outcome: "BOUNCED",
      reason: "Bounced: 5.1.1 550 no such user.",
    });
    expect(await reasonOf(notSuppressed.incident.id)).toMatchObject({ outcome: "SENT" });

    // The organisation pages add them up.
    expect(await countNoticeOutcomes(db, { organisationId: busy.id })).toEqual([
      { outcome: "FOLDED", count: 1 },
      { outcome: "BOUNCED", count: 1 },
    ]);
    expect(await countNoticeOutcomes(db, { organisationId: allowing.id })).toEqual([
      { outcome: "SENT", count: 1 },
      { outcome: "SUPPRESSED", count: 1 },
    ]);
    expect(await countNoticeOutcomes(db, { organisationId: empty.id })).toEqual([{ outcome: "NO_CONTACT", count: 1 }]);

    // A contact appearing clears the flag with the next notice.
    await db.contact.create({ data: { organisationId: empty.id, name: "New", email: "new@nobody.example" } });
    await db.$transaction((tx) =>
      queueNotificationsInTx(tx, {
        incidentId: lonely.incident.id,
        purpose: "FIRST_NOTICE",
        actor: { label: "worker" },
        automatic: true,
      }),
    );
    expect((await db.incident.findUniqueOrThrow({ where: { id: lonely.incident.id } })).noContactAt).toBeNull();
  });
});
