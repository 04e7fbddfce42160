/** Hostile and broken input to recordInboundMail directly (the IMAP path is tested against Dovecot). */
import MailComposer from "nodemailer/lib/mail-composer";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { updateContact } from "@/lib/orgs/update-contact";
import { recordInboundMail } from "./record-inbound-mail";

process.env.MAIL_FROM = "CSIRT <csirt@csirt.test>";
let reference = 0;

beforeAll(async () => {
  await seedDefaults(db);
  const organisation = await db.organisation.create({
    data: {
      name: "Hostile Test",
      slug: "hostile-test",
      contacts: { create: [{ name: "S", email: "s@hostile.example" }] },
    },
  });
  const incident = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId: organisation.id,
      sourceIp: "192.0.2.77",
      firstSeen: new Date(),
      lastSeen: new Date(),
      summary: "x",
      status: "NOTIFIED",
    },
  });
  reference = incident.reference;
});

describe("recordInboundMail with bad input", () => {
  it("keeps bytes that are not mail at all on record, unmatched, with the raw kept", async () => {
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x0a, 0x0d, 0x80]);
    const result = await recordInboundMail(db, { raw: garbage, source: "IMAP" });
    expect(result.outcome).toBe("unmatched");
    const row = await db.inboundMail.findUniqueOrThrow({ where: { id: result.id! } });
    expect(row.fromAddress).toBe("");
    expect(Buffer.from(row.raw!).equals(garbage)).toBe(true);
    expect(row.note).toMatch(/Names no incident of ours|Could not be read/);
  });

  it("cleans hostile attachment names and refuses executables under the portal's rules, with the reasons on record", async () => {
    const raw = await new MailComposer({
      from: "s@hostile.example",
      to: "csirt@csirt.test",
      subject: `Re: [CSIRT #${reference}] logs`,
      text: "Logs attached.",
      attachments: [
        { filename: "..\\..\\windows\\auth\u202egol.txt", content: "Jan 1 sshd: ok\n" },
        { filename: "invoice.exe", content: Buffer.from("MZ\x90\x00") },
        { filename: "\u0000\u0007", content: "text\n" },
      ],
    })
      .compile()
      .build();
    const result = await recordInboundMail(db, { raw, source: "IMAP" });
    expect(result.outcome).toBe("attached");
    const files = await db.evidence.findMany({
      where: { incident: { reference }, kind: "FILE" },
      orderBy: { fileName: "asc" },
    });
    expect(files.map((file) => file.fileName)).toEqual(["auth_gol.txt"]);
    expect(result.note).toContain("invoice.exe: attach logs as .txt, .log, .csv, .json, .gz or .pcap files.");
    const event = await db.timelineEvent.findFirstOrThrow({
      where: { incident: { reference }, type: "MAIL_RECEIVED" },
    });
    expect(event.message).not.toMatch(/[\u0000\u202e]/);
  });

  it("an undeliverable contact is deliverable again once its address is corrected", async () => {
    const contact = await db.contact.findFirstOrThrow({ where: { email: "s@hostile.example" } });
    await db.contact.update({
      where: { id: contact.id },
      data: { hardBounces: 2, lastBounce: "5.1.1 User unknown", lastBounceAt: new Date(), undeliverableAt: new Date() },
    });
    await updateContact(db, {
      organisationId: contact.organisationId,
      contactId: contact.id,
      contact: { name: contact.name, email: "s2@hostile.example", role: contact.role, phone: null },
      actor: { label: "test" },
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      email: "s2@hostile.example",
      hardBounces: 0,
      lastBounce: null,
      undeliverableAt: null,
    });
  });
});
