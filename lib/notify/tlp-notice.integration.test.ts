import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordThirdPartyReport } from "@/lib/incidents/record-third-party-report";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { updateSettings } from "@/lib/settings/update-settings";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { type SmtpSink, startSmtpSink } from "@/test/support/smtp-sink";
import { deliverDueNotifications } from "./deliver-notifications";
import { mailTransport } from "./transport";

/**
 * The TLP 2.0 label on real notices (through the outbox to an SMTP server on loopback): the
 * default per incident type is applied when the incident is raised, the label is in the subject
 * after the reference tag and heads the body, and a TLP:RED notice carries no file and no report.
 */

process.env.APP_URL = "http://localhost:3999";
process.env.MAIL_FROM = "Example CSIRT <csirt@csirt.example.org>";

let sink: SmtpSink;
const deliver = () => deliverDueNotifications(db, { workerId: "tlp-test", transport: mailTransport(sink.url) });
const admin = { id: null, label: "test" };

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

async function raise() {
  const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "nfdump-1.7.1-example.csv") });
  await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
  return db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" }, orderBy: { createdAt: "desc" } });
}

describe("TLP on notices", () => {
  it("a RED default marks the new incident; its notice says TLP:RED and carries no files or reports", async () => {
    await updateSettings(db, { values: { "tlp.defaultSshScan": "RED" }, actor: admin });
    const incident = await raise();
    expect(incident.tlp).toBe("RED");
    expect(await deliver()).toMatchObject({ sent: 1 });
    const { parsed } = sink.messages[0]!;
    expect(parsed.subject).toMatch(new RegExp(`^\\[CSIRT #${incident.reference}\\] \\[TLP:RED\\] `));
    expect(parsed.text).toMatch(/^TLP:RED: For the named recipients only/);
    expect(parsed.text).toContain("is not sent by e-mail");
    expect(parsed.text).not.toContain("192.0.2.45:");
    expect(parsed.attachments).toEqual([]);
    await db.incident.update({ where: { id: incident.id }, data: { status: "CLOSED", openKey: null } });
  });

  it("AMBER+STRICT (typed as FIRST writes it) goes to the organisation with its files and reports, labelled", async () => {
    await updateSettings(db, { values: { "tlp.defaultThirdPartyReport": "AMBER+STRICT" }, actor: admin });
    await recordThirdPartyReport(db, {
      text: await readFile(fixture("sshd", "auth-example.log"), "utf8"),
      reporter: "Relay Hosting CERT",
      year: 2027,
      actor: admin,
    });
    const incident = await db.incident.findFirstOrThrow({ where: { type: "SSH_BRUTE_FORCE_REPORT" } });
    expect(incident.tlp).toBe("AMBER_STRICT");
    expect((await deliver()).sent).toBeGreaterThan(0);
    const { parsed } = sink.messages.find((message) => message.parsed.subject?.includes(`#${incident.reference}]`))!;
    expect(parsed.subject).toContain(`[CSIRT #${incident.reference}] [TLP:AMBER+STRICT]`);
    expect(parsed.text).toMatch(/^TLP:AMBER\+STRICT: Limited disclosure: share only within your\s+organisation/);
    const names = parsed.attachments.map((item) => item.filename ?? "");
    expect(names.some((name) => name.endsWith("-xarf.json"))).toBe(true);
    expect(names.length).toBeGreaterThan(1);
  });
});
