import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordThirdPartyReport } from "@/lib/incidents/record-third-party-report";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { seedDefaults } from "@/prisma/seed";
import { iodefErrors, xarfErrors } from "@/test/support/report-validators";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { type SmtpSink, startSmtpSink } from "@/test/support/smtp-sink";
import { deliverDueNotifications } from "../deliver-notifications";
import { queueIncidentNotifications } from "../queue-incident-notifications";
import { mailTransport } from "../transport";

process.env.APP_URL = "http://localhost:3999";
process.env.MAIL_FROM = "Example CSIRT <csirt@csirt.example.org>";

let sink: SmtpSink;
const deliver = () => deliverDueNotifications(db, { workerId: "reports-test", transport: mailTransport(sink.url) });
const attachment = (index: number, suffix: string) =>
  sink.messages[index]?.parsed.attachments.find((item) => item.filename?.endsWith(suffix));

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
  await db.organisation.create({
    data: {
      name: "Example College",
      slug: "example-college",
      attachIodef: true,
      blocks: { create: [{ network: "192.0.2.0/24" }] },
      contacts: { create: [{ name: "Sam Security", email: "security@example-college.example" }] },
    },
  });
});

afterAll(() => sink.close());
beforeEach(() => {
  sink.messages.length = 0;
});

describe("machine-readable reports on notices", () => {
  it("a first notice from an ingested flow file carries an X-ARF port_scan report and an IODEF document that validate", async () => {
    const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "nfdump-1.7.1-example.csv") });
    await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    expect(await deliver()).toMatchObject({ sent: 1 });

    const xarfFile = attachment(0, "-xarf.json");
    const iodefFile = attachment(0, "-iodef.xml");
    expect(xarfFile?.filename).toBe(`csirt-${incident.reference}-xarf.json`);
    expect(xarfFile?.contentType).toBe("application/json");
    const xarf = JSON.parse(xarfFile!.content.toString("utf8"));
    expect(xarfErrors(xarf)).toEqual([]);
    const notification = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(xarf).toMatchObject({
      type: "port_scan",
      report_id: notification.id,
      source_identifier: "192.0.2.45",
      destination_port: 22,
      flow_count: 300,
    });
    expect(xarf.sender).toEqual({
      org: expect.any(String),
      contact: "csirt@csirt.example.org",
      domain: "csirt.example.org",
    });
    expect(typeof xarf.source_port).toBe("number");

    const iodef = iodefFile!.content.toString("utf8");
    expect(await iodefErrors(iodef)).toEqual([]);
    expect(iodef).toContain(`<IncidentID name="csirt.example.org">${incident.reference}</IncidentID>`);
  });

  it("a third-party password-guessing report gets a login_attack report; an organisation that wants neither gets none", async () => {
    await recordThirdPartyReport(db, {
      text: await readFile(fixture("sshd", "auth-example.log"), "utf8"),
      reporter: "Relay Hosting CERT",
      year: 2027,
      actor: { label: "analyst" },
    });
    expect((await deliver()).sent).toBeGreaterThan(0);
    const xarf = JSON.parse(attachment(0, "-xarf.json")!.content.toString("utf8"));
    expect(xarfErrors(xarf)).toEqual([]);
    expect(xarf).toMatchObject({ type: "login_attack", evidence_source: "user_report" });
    expect(await iodefErrors(attachment(0, "-iodef.xml")!.content.toString("utf8"))).toEqual([]);

    sink.messages.length = 0;
    await db.organisation.update({
      where: { slug: "example-college" },
      data: { attachXarf: false, attachIodef: false },
    });
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45", type: "SSH_SCAN" } });
    await db.notification.deleteMany({ where: { incidentId: incident.id } });
    await queueIncidentNotifications(db, {
      incidentIds: [incident.id],
      actor: { label: "analyst" },
      purpose: "FIRST_NOTICE",
    });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(
      sink.messages[0]!.parsed.attachments.map((item) => item.filename).filter((name) =>
        /-(xarf\.json|iodef\.xml)$/.test(name ?? ""),
      ),
    ).toEqual([]);
  });
});
