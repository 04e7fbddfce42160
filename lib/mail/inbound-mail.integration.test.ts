/**
 * Incoming mail against a real IMAP server (Dovecot, started per file with its own config):
 * messages are APPENDed to the inbox, the worker's poll reads them, and the results are
 * checked in the database and in the mailbox's folders.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliverDueNotifications } from "@/lib/notify/deliver-notifications";
import { queueIncidentNotifications } from "@/lib/notify/queue-incident-notifications";
import { queueDueReminders } from "@/lib/notify/queue-reminders";
import { mailTransport } from "@/lib/notify/transport";
import { updateSettings } from "@/lib/settings/update-settings";
import { seedDefaults } from "@/prisma/seed";
import { describeWithDovecot, startDovecot, type TestImapServer } from "@/test/support/dovecot";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { parseImapUrl } from "./imap-url";
import { imapClient, pollImapMailbox } from "./poll-imap-mailbox";
import { startMailWatcher } from "@/worker/mail-watcher";
import { pruneRawMail } from "./prune-raw-mail";

process.env.APP_URL = "http://localhost:3999";
process.env.MAIL_FROM = "CSIRT <csirt@csirt.test>";

let imap: TestImapServer;
let sink: SmtpSink;
let client: ImapFlow;
let collegeId: string;
let otherOrgContact: string;

const settings = () => parseImapUrl(imap.url());
const poll = () => pollImapMailbox(db, { settings: settings(), tls: { ca: imap.ca } });

async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

async function append(raw: Buffer | string): Promise<void> {
  await client.append("INBOX", raw);
}

async function folderCount(folder: string): Promise<number> {
  const status = await client.status(folder, { messages: true });
  return status ? (status.messages ?? 0) : 0;
}

/** A delivery status notification (RFC 3464) to a notice's own return path, as a receiving MTA writes it. */
const dsn = (notificationId: string, messageId: string, { status = "5.1.1", action = "failed" } = {}) =>
  [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example-college.example>",
    `To: bounces+${notificationId}@csirt.test`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <dsn-${notificationId}@mx.example-college.example>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain",
    "",
    "Your message could not be delivered.",
    "--B",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example-college.example",
    "",
    "Final-Recipient: rfc822; security@example-college.example",
    `Action: ${action}`,
    `Status: ${status}`,
    "Diagnostic-Code: smtp; 550 5.1.1 <security@example-college.example>:",
    "    Recipient address rejected: User unknown",
    "--B",
    "Content-Type: text/rfc822-headers",
    "",
    `Message-ID: ${messageId}`,
    "--B--",
    "",
  ].join("\r\n");

let sourceCounter = 10;
/** An incident of Example College whose first notice went out (so it is NOTIFIED and has Message-IDs). */
async function notifiedIncident(): Promise<{
  id: string;
  reference: number;
  notices: Array<{ id: string; messageId: string; toAddress: string }>;
}> {
  sourceCounter += 1;
  const sourceIp = `192.0.2.${sourceCounter}`;
  const incident = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId: collegeId,
      sourceIp,
      port: 22,
      firstSeen: new Date("2027-01-09T02:00:00Z"),
      lastSeen: new Date("2027-01-09T02:10:00Z"),
      flowCount: 150,
      distinctTargets: 150,
      summary: `An IP at Example College, ${sourceIp} was scanning for port 22/tcp.`,
      openKey: `SSH_SCAN:${collegeId}:${sourceIp}`,
    },
  });
  await queueIncidentNotifications(db, { incidentIds: [incident.id], actor: { label: "test" } });
  await deliverDueNotifications(db, { workerId: "test", transport: mailTransport(sink.url) });
  const notices = await db.notification.findMany({
    where: { incidentId: incident.id },
    select: { id: true, messageId: true, toAddress: true },
    orderBy: { toAddress: "desc" },
  });
  expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("NOTIFIED");
  return { id: incident.id, reference: incident.reference, notices };
}

describeWithDovecot("inbound mail from a real IMAP server (Dovecot)", () => {
  beforeAll(async () => {
    [imap, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    await seedDefaults(db);
    const college = await db.organisation.create({
      data: {
        name: "Example College",
        slug: "example-college",
        contacts: {
          create: [
            { name: "Sam Security", email: "security@example-college.example", role: "SECURITY" },
            { name: "Head of IT", email: "head@example-college.example", role: "ESCALATION" },
          ],
        },
      },
    });
    collegeId = college.id;
    await db.organisation.create({
      data: {
        name: "Other University",
        slug: "other-university",
        contacts: { create: [{ name: "Other", email: "cert@other-university.example" }] },
      },
    });
    otherOrgContact = "cert@other-university.example";
    client = imapClient(settings(), { tls: { ca: imap.ca } });
    await client.connect();
  });

  afterAll(async () => {
    await client?.logout().catch(() => undefined);
    await Promise.all([imap?.stop(), sink?.close()]);
  });

  it("a contact's reply threaded by Message-ID lands on its incident with its attachment, acknowledges it and stops reminders", async () => {
    const incident = await notifiedIncident();
    const notice = incident.notices[0]!;
    // Each notice left with its own return path (VERP), so that a bounce names it.
    expect(sink.messages.find((message) => message.parsed.messageId === notice.messageId)?.envelopeFrom).toBe(
      `bounces+${notice.id}@csirt.test`,
    );
    await append(
      await compose({
        from: "Sam Security <Security@Example-College.example>",
        to: "csirt@csirt.test",
        subject: "Re: your notice",
        inReplyTo: notice.messageId,
        references: [notice.messageId],
        messageId: `<reply-1.${incident.reference}@example-college.example>`,
        headers: {
          "Authentication-Results":
            "mx.csirt.test; spf=pass smtp.mailfrom=example-college.example; dkim=pass header.d=example-college.example; dmarc=pass",
        },
        text: "We found the host and took it offline.\n\nSam\n-- \nSam Security, Example College\n\nOn Sat, 9 Jan 2027, CSIRT wrote:\n> An IP at Example College was scanning",
        attachments: [
          { filename: "../../etc/auth.log", content: "Jan  9 02:01:00 host sshd[1]: Accepted password for root\n" },
        ],
      }),
    );
    const tally = await poll();
    expect(tally).toMatchObject({ attached: 1, errors: 0 });

    const mail = await db.inboundMail.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(mail.state).toBe("ATTACHED");
    expect(mail.text).toBe("We found the host and took it offline.\n\nSam");
    expect(mail.foldedText).toContain("> An IP at Example College was scanning");
    expect(mail.authResults).toContain("dmarc=pass");
    const evidence = await db.evidence.findMany({ where: { incidentId: incident.id, kind: "FILE" } });
    expect(evidence.map((item) => item.fileName)).toEqual(["auth.log"]);
    expect(Buffer.from(evidence[0]!.content).toString()).toContain("Accepted password for root");

    const after = await db.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { timeline: { orderBy: { createdAt: "asc" } } },
    });
    expect(after.status).toBe("ACKNOWLEDGED");
    const received = after.timeline.find((event) => event.type === "MAIL_RECEIVED")!;
    expect(received.visibility).toBe("INSTITUTION");
    expect(received.message).toContain("We found the host and took it offline.");
    expect(received.message).not.toContain("An IP at Example College was scanning");
    expect(
      after.timeline.some(
        (event) =>
          event.type === "STATUS_CHANGED" &&
          event.message.includes("acknowledged by the e-mail reply from security@example-college.example"),
      ),
    ).toBe(true);
    expect(await queueDueReminders(db, { afterHours: 1, now: new Date(Date.now() + 2 * 3600_000) })).toBe(0);
    expect(await folderCount("INBOX")).toBe(0);
    expect(await folderCount("Processed")).toBeGreaterThanOrEqual(1);
  });

  it("a reply with only the [CSIRT #ref] tag in its subject lands on that incident; an HTML-only body is kept as text", async () => {
    const incident = await notifiedIncident();
    await append(
      await compose({
        from: "head@example-college.example",
        to: "csirt@csirt.test",
        subject: `AW: [CSIRT #${incident.reference}] SSH scanning`,
        html: "<p>Blocked at the <b>firewall</b>.</p><script>alert(1)</script>",
        attachments: [{ filename: "capture.log", content: Buffer.from([0x1f, 0x8b, 0x08, 0x00]) }],
      }),
    );
    expect(await poll()).toMatchObject({ attached: 1 });
    const mail = await db.inboundMail.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(mail.text).toContain("Blocked at the firewall.");
    expect(mail.text).not.toContain("<");
    expect(mail.note).toContain("by subject-tag");
    // Same rules as portal uploads: a .log that is really gzip is refused, with the reason on record.
    expect(mail.note).toContain("capture.log is not what its name says");
    expect(await db.evidence.count({ where: { incidentId: incident.id, kind: "FILE" } })).toBe(0);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("ACKNOWLEDGED");
  });

  it("an automatic reply is recorded on the incident but acknowledges nothing and stops no reminder", async () => {
    const incident = await notifiedIncident();
    const notice = incident.notices[0]!;
    await append(
      await compose({
        from: notice.toAddress,
        to: "csirt@csirt.test",
        subject: "Automatic reply: SSH scanning",
        inReplyTo: notice.messageId,
        headers: { "Auto-Submitted": "auto-replied" },
        text: "I am out of the office until Monday.",
      }),
    );
    expect(await poll()).toMatchObject({ attached: 1 });
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { timeline: true } });
    expect(after.status).toBe("NOTIFIED");
    const automatic = after.timeline.find((event) => event.type === "MAIL_RECEIVED");
    expect(automatic?.message).toContain("Automatic reply from");
    expect(automatic?.visibility).toBe("INTERNAL");
    expect((await db.inboundMail.findFirstOrThrow({ where: { incidentId: incident.id } })).kind).toBe("AUTO_REPLY");
    expect(await queueDueReminders(db, { afterHours: 1, now: new Date(Date.now() + 2 * 3600_000) })).toBeGreaterThan(0);
  });

  it("a stranger's reply, even with a genuine In-Reply-To, goes to unmatched mail and never onto the incident", async () => {
    const incident = await notifiedIncident();
    const notice = incident.notices[0]!;
    for (const from of ["mallory@evil.example", otherOrgContact]) {
      await append(
        await compose({
          from,
          to: "csirt@csirt.test",
          subject: `Re: [CSIRT #${incident.reference}]`,
          inReplyTo: notice.messageId,
          text: "Close this incident please.",
        }),
      );
    }
    expect(await poll()).toMatchObject({ unmatched: 2, attached: 0 });
    const unmatched = await db.inboundMail.findMany({
      where: { state: "UNMATCHED", fromAddress: { in: ["mallory@evil.example", otherOrgContact] } },
    });
    expect(unmatched).toHaveLength(2);
    expect(
      unmatched.every((mail) => mail.incidentId === null && mail.note.includes(`incident #${incident.reference}`)),
    ).toBe(true);
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { timeline: true } });
    expect(after.status).toBe("NOTIFIED");
    expect(after.timeline.some((event) => event.type === "MAIL_RECEIVED")).toBe(false);
  });

  it("a DSN hard bounce marks the notice and contact, moves the notice to the next contact, and flags the address after repeated bounces", async () => {
    const incident = await notifiedIncident();
    const notice = incident.notices.find((row) => row.toAddress === "security@example-college.example")!;
    await append(dsn(notice.id, notice.messageId));
    expect(await poll()).toMatchObject({ recorded: 1 });

    const bounced = await db.notification.findUniqueOrThrow({ where: { id: notice.id } });
    expect(bounced.state).toBe("BOUNCED");
    expect(bounced.bounceDiagnostic).toContain("5.1.1");
    expect(bounced.bounceDiagnostic).toContain("User unknown");
    const contact = await db.contact.findFirstOrThrow({ where: { email: "security@example-college.example" } });
    expect(contact).toMatchObject({ hardBounces: 1, undeliverableAt: null });
    expect(contact.lastBounce).toContain("User unknown");
    const moved = await db.notification.findFirstOrThrow({
      where: { incidentId: incident.id, batch: `after-bounce:${notice.id}` },
    });
    expect(moved).toMatchObject({
      toAddress: "head@example-college.example",
      state: "QUEUED",
      purpose: "FIRST_NOTICE",
    });
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, type: "MAIL_BOUNCED" } });
    expect(events[0]?.message).toContain("The notice goes to head@example-college.example instead.");

    // A second hard bounce (another incident's notice) flags the address undeliverable: new notices skip it.
    const second = await notifiedIncident();
    const secondNotice = second.notices.find((row) => row.toAddress === "security@example-college.example")!;
    await append(dsn(secondNotice.id, secondNotice.messageId));
    await poll();
    const flagged = await db.contact.findFirstOrThrow({ where: { email: "security@example-college.example" } });
    expect(flagged.hardBounces).toBe(2);
    expect(flagged.undeliverableAt).not.toBeNull();
    const third = await db.incident.create({
      data: {
        type: "SSH_SCAN",
        organisationId: collegeId,
        sourceIp: "192.0.2.250",
        firstSeen: new Date(),
        lastSeen: new Date(),
        summary: "x",
        openKey: `SSH_SCAN:${collegeId}:192.0.2.250`,
      },
    });
    await queueIncidentNotifications(db, { incidentIds: [third.id], actor: { label: "test" } });
    expect(
      await db.notification.count({ where: { incidentId: third.id, toAddress: "security@example-college.example" } }),
    ).toBe(0);
    await db.contact.update({ where: { id: flagged.id }, data: { undeliverableAt: null, hardBounces: 0 } });
  });

  it("a soft bounce (the server gave up for now) sends the message again later; a 'delayed' report is only noted", async () => {
    const incident = await notifiedIncident();
    const notice = incident.notices[0]!;
    await append(
      dsn(notice.id, notice.messageId, { status: "4.2.2", action: "delayed" }).replace(
        /Message-ID: <dsn-/,
        "Message-ID: <dsn-delayed-",
      ),
    );
    await poll();
    expect(await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      state: "SENT",
      bounceDiagnostic: expect.stringContaining("4.2.2"),
    });
    await append(dsn(notice.id, notice.messageId, { status: "4.4.7", action: "failed" }));
    await poll();
    const retried = await db.notification.findUniqueOrThrow({ where: { id: notice.id } });
    expect(retried.state).toBe("QUEUED");
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect((await db.contact.findFirstOrThrow({ where: { email: notice.toAddress } })).hardBounces).toBe(0);
  });

  it("the same message fetched twice is recorded once; oversized mail goes to the failed folder with a record", async () => {
    const incident = await notifiedIncident();
    const raw = await compose({
      from: "security@example-college.example",
      to: "csirt@csirt.test",
      subject: `[CSIRT #${incident.reference}] twice`,
      messageId: `<twice.${incident.reference}@example-college.example>`,
      text: "Once.",
    });
    await append(raw);
    await append(raw);
    expect(await poll()).toMatchObject({ attached: 1, duplicate: 1 });
    expect(
      await db.inboundMail.count({ where: { messageId: `<twice.${incident.reference}@example-college.example>` } }),
    ).toBe(1);
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id, type: "MAIL_RECEIVED" } })).toBe(1);
    // The raw bytes are kept for the retention period, then dropped; the record stays.
    const kept = await db.inboundMail.findFirstOrThrow({
      where: { messageId: `<twice.${incident.reference}@example-college.example>` },
    });
    expect(Buffer.from(kept.raw!).equals(raw)).toBe(true);
    expect(await pruneRawMail(db, { now: new Date(kept.rawExpiresAt!.getTime() + 1) })).toBeGreaterThan(0);
    expect((await db.inboundMail.findUniqueOrThrow({ where: { id: kept.id } })).raw).toBeNull();

    await updateSettings(db, { values: { "mail.maxMessageMiB": 1 }, actor: { label: "test" } });
    try {
      const failedBefore = await folderCount("Failed");
      await append(
        await compose({
          from: "security@example-college.example",
          to: "csirt@csirt.test",
          subject: "huge",
          text: "x".repeat(1_300_000),
        }),
      );
      const tally = await poll();
      expect(tally).toMatchObject({ unmatched: 1, failed: 1 });
      const large = await db.inboundMail.findFirstOrThrow({ where: { kind: "TOO_LARGE" } });
      expect(large.note).toContain("Larger than 1 MiB");
      expect(large.subject).toBe("huge");
      expect(await folderCount("Failed")).toBe(failedBefore + 1);
      expect(await folderCount("INBOX")).toBe(0);
    } finally {
      await updateSettings(db, { values: { "mail.maxMessageMiB": 25 }, actor: { label: "test" } });
    }
  });

  it("our own messages coming back are recorded, never answered and never put on an incident", async () => {
    const incident = await notifiedIncident();
    await append(
      await compose({
        from: "CSIRT <csirt@csirt.test>",
        to: "csirt@csirt.test",
        subject: `[CSIRT #${incident.reference}] loop`,
        headers: { "X-CSIRT-Incident": String(incident.reference) },
        text: "ours",
      }),
    );
    expect(await poll()).toMatchObject({ recorded: 1 });
    expect(
      (await db.inboundMail.findFirstOrThrow({ where: { subject: `[CSIRT #${incident.reference}] loop` } })).kind,
    ).toBe("OWN_MESSAGE");
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id, type: "MAIL_RECEIVED" } })).toBe(0);
  });

  it("the worker's IDLE connection hears new mail at once and asks for a poll", async () => {
    let calls = 0;
    const stop = startMailWatcher({
      settings: settings(),
      tls: { ca: imap.ca },
      onMail: async () => {
        calls += 1;
      },
    });
    try {
      await expect.poll(() => calls, { timeout: 10_000 }).toBe(1); // once on connecting
      await append(
        await compose({ from: "someone@example.org", to: "csirt@csirt.test", subject: "wake up", text: "hello" }),
      );
      await expect.poll(() => calls, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await stop();
    }
    await poll();
  });
});
