/**
 * Mail the CSIRT writes beyond the first notice: analysts' messages threaded in the incident's
 * thread, and the notices a status change shown to the institution sends. Delivered to a real
 * SMTP sink through the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyBulkIncidentAction } from "@/lib/incidents/apply-bulk-incident-action";
import { transitionIncident } from "@/lib/incidents/transition-incident";
import { deliverDueNotifications } from "@/lib/notify/deliver-notifications";
import { queueIncidentNotifications } from "@/lib/notify/queue-incident-notifications";
import { mailTransport } from "@/lib/notify/transport";
import { seedDefaults } from "@/prisma/seed";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { recordInboundMail } from "./record-inbound-mail";
import { sendAnalystMessage } from "./send-analyst-message";

process.env.APP_URL = "http://localhost:3998";
process.env.MAIL_FROM = "CSIRT <csirt@csirt.test>";

let sink: SmtpSink;
let organisationId: string;
let analyst: { id: string; label: string };
let counter = 0;

const deliver = () => deliverDueNotifications(db, { workerId: "test", transport: mailTransport(sink.url) });

async function incident() {
  counter += 1;
  const sourceIp = `203.0.113.${counter}`;
  const created = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: new Date(),
      lastSeen: new Date(),
      summary: `Scanning from ${sourceIp}.`,
      openKey: `SSH_SCAN:${organisationId}:${sourceIp}`,
    },
  });
  return created;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
  const organisation = await db.organisation.create({
    data: {
      name: "Test Polytechnic",
      slug: "test-polytechnic",
      contacts: {
        create: [
          { name: "Security", email: "security@poly.example", role: "SECURITY" },
          { name: "NOC", email: "noc@poly.example", role: "TECHNICAL" },
          { name: "Dean", email: "dean@poly.example", role: "ESCALATION" },
        ],
      },
    },
  });
  organisationId = organisation.id;
  const user = await db.user.create({ data: { email: "analyst@csirt.test", name: "Ana", role: "ANALYST" } });
  analyst = { id: user.id, label: user.email };
});

afterAll(async () => {
  await sink?.close();
});

describe("analysts' messages", () => {
  it("go to one contact through the outbox, threaded under the notice and the contact's reply, and show on the portal timeline", async () => {
    const created = await incident();
    await queueIncidentNotifications(db, { incidentIds: [created.id], actor: { label: "test" } });
    await deliver();
    const notice = await db.notification.findFirstOrThrow({
      where: { incidentId: created.id, toAddress: "security@poly.example" },
    });
    const reply = Buffer.from(
      [
        `From: security@poly.example`,
        `To: csirt@csirt.test`,
        `Subject: Re: [CSIRT #${created.reference}]`,
        `Message-ID: <r1.${created.reference}@poly.example>`,
        `In-Reply-To: ${notice.messageId}`,
        "",
        "On it.",
      ].join("\r\n"),
    );
    expect((await recordInboundMail(db, { raw: reply, source: "IMAP" })).outcome).toBe("attached");

    const contact = await db.contact.findFirstOrThrow({ where: { email: "security@poly.example" } });
    const queued = await sendAnalystMessage(db, {
      incidentId: created.id,
      contactId: contact.id,
      subject: "",
      body: "Which host was it?",
      actor: analyst,
    });
    expect(queued).toEqual({ queued: 1, recipients: ["security@poly.example"] });
    const before = sink.messages.length;
    await deliver();
    const sent = sink.messages.slice(before);
    expect(sent).toHaveLength(1);
    const message = sent[0]!;
    expect(message.envelopeTo).toEqual(["security@poly.example"]);
    expect(message.envelopeFrom).toMatch(/^bounces\+[0-9a-f-]{36}@csirt\.test$/);
    expect(message.parsed.subject).toBe(
      `Re: [CSIRT #${created.reference}] [TLP:AMBER] SSH scanning from ${created.sourceIp} (Test Polytechnic)`,
    );
    expect(message.parsed.inReplyTo).toBe(`<r1.${created.reference}@poly.example>`);
    expect(message.parsed.references).toEqual(
      expect.arrayContaining([notice.messageId, `<r1.${created.reference}@poly.example>`]),
    );
    expect(message.parsed.headers.get("auto-submitted")).toBe("no");
    expect(message.parsed.text).toContain("Which host was it?");
    const event = await db.timelineEvent.findFirstOrThrow({ where: { incidentId: created.id, type: "MAIL_SENT" } });
    expect(event.visibility).toBe("INSTITUTION");
    expect(event.message).toContain("Which host was it?");
  });

  it("refuses an empty message, a contact of another organisation, and an incident that does not exist", async () => {
    const created = await incident();
    await expect(
      sendAnalystMessage(db, { incidentId: created.id, subject: "", body: "   ", actor: analyst }),
    ).rejects.toThrow("Write the message first.");
    const stranger = await db.organisation.create({
      data: {
        name: "Elsewhere",
        slug: "elsewhere",
        contacts: { create: [{ name: "X", email: "x@elsewhere.example" }] },
      },
      include: { contacts: true },
    });
    await expect(
      sendAnalystMessage(db, {
        incidentId: created.id,
        contactId: stranger.contacts[0]!.id,
        subject: "",
        body: "hi",
        actor: analyst,
      }),
    ).rejects.toThrow("not an active contact");
    await expect(
      sendAnalystMessage(db, {
        incidentId: "00000000-0000-4000-8000-000000000000",
        subject: "",
        body: "hi",
        actor: analyst,
      }),
    ).rejects.toThrow("No such incident.");
  });
});

describe("status changes shown to the institution", () => {
  it("mail the site contacts the matching notice (resolved, closed, reopened); a change kept internal mails nobody", async () => {
    const created = await incident();
    const resolved = await transitionIncident(db, { incidentId: created.id, to: "RESOLVED", actor: analyst });
    expect(resolved.notified).toBe(2);
    const closed = await transitionIncident(db, {
      incidentId: created.id,
      to: "CLOSED",
      actor: analyst,
      visibleToInstitution: false,
    });
    expect(closed.notified).toBe(0);
    const reopened = await transitionIncident(db, { incidentId: created.id, to: "REOPENED", actor: analyst });
    expect(reopened.notified).toBe(2);
    const before = sink.messages.length;
    await deliver();
    const subjects = sink.messages
      .slice(before)
      .map((message) => `${message.envelopeTo[0]} ${message.parsed.subject}`)
      .sort();
    expect(subjects).toEqual([
      `noc@poly.example [CSIRT #${created.reference}] [TLP:AMBER] Reopened: ${created.sourceIp} (Test Polytechnic)`,
      `noc@poly.example [CSIRT #${created.reference}] [TLP:AMBER] Resolved: SSH scanning from ${created.sourceIp}`,
      `security@poly.example [CSIRT #${created.reference}] [TLP:AMBER] Reopened: ${created.sourceIp} (Test Polytechnic)`,
      `security@poly.example [CSIRT #${created.reference}] [TLP:AMBER] Resolved: SSH scanning from ${created.sourceIp}`,
    ]);
    // Sending a status notice does not make the incident "notified".
    expect((await db.incident.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("REOPENED");
  });

  it("the queue's bulk action does the same for each incident", async () => {
    const [first, second] = [await incident(), await incident()];
    const outcome = await applyBulkIncidentAction(db, {
      incidentIds: [first.id, second.id],
      operation: { kind: "status", to: "CLOSED" },
      actor: analyst,
    });
    expect(outcome.done).toHaveLength(2);
    expect(
      await db.notification.count({
        where: { incidentId: { in: [first.id, second.id] }, purpose: "CLOSED", state: "QUEUED" },
      }),
    ).toBe(4);
  });
});
