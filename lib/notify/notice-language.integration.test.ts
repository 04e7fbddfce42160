import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { subjectReference } from "@/lib/mail/thread-keys";
import { seedDefaults } from "@/prisma/seed";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { createScanIncident } from "@/test/support/scan-incident";
import { addTemplateLanguage } from "./add-template-language";
import { deliverDueNotifications } from "./deliver-notifications";
import { listTemplateGroups } from "./list-templates";
import { previewTemplate } from "./manage-templates";
import { queueIncidentNotifications } from "./queue-incident-notifications";
import { mailTransport } from "./transport";

let sink: SmtpSink;

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";
process.env.APP_URL = "http://localhost:3999";

const analyst = { label: "analyst@csirt.example" };

async function organisation(
  name: string,
  {
    language,
    timeZone,
    contacts,
  }: { language: string; timeZone: string; contacts: Array<{ name: string; email: string; language?: string }> },
) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const created = await db.organisation.create({
    data: { name, slug, language, timeZone, contacts: { create: contacts } },
  });
  const incident = await createScanIncident(db, { organisationId: created.id, organisationName: name });
  // A figure large enough to show how the language groups digits.
  return db.incident.update({ where: { id: incident.id }, data: { flowCount: 18321, distinctTargets: 9000 } });
}

async function notifyAndDeliver(incidentId: string) {
  await queueIncidentNotifications(db, { incidentIds: [incidentId], actor: analyst });
  const result = await deliverDueNotifications(db, { workerId: "test", transport: mailTransport(sink.url) });
  expect(result.failed).toBe(0);
  return sink.messages.map((message) => ({ to: message.envelopeTo[0], mail: message.parsed }));
}

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
});

afterAll(async () => {
  await sink.close();
});

beforeEach(() => {
  sink.messages.length = 0;
});

describe("notices in the organisation's language", () => {
  it("writes a German organisation's notice in German: subject, body, advice, dates in its time zone, numbers", async () => {
    const incident = await organisation("Hochschule Beispielstadt", {
      language: "de",
      timeZone: "Europe/Berlin",
      contacts: [{ name: "CERT der Hochschule", email: "cert@hs-beispiel.example" }],
    });
    const [sent] = await notifyAndDeliver(incident.id);
    const mail = sent!.mail;
    expect(mail.subject).toBe(
      `[CSIRT #${incident.reference}] [TLP:AMBER] SSH-Scans von 198.18.0.9 (Hochschule Beispielstadt)`,
    );
    // The reference tag stays what reply threading reads.
    expect(subjectReference(mail.subject)).toBe(incident.reference);
    expect(subjectReference(`AW: ${mail.subject}`)).toBe(incident.reference);
    const text = mail.text ?? "";
    expect(text).toContain("Guten Tag CERT der Hochschule (Hochschule Beispielstadt),");
    expect(text).toContain("unser Flow-Monitoring zeigt");
    // 02:00–02:10 UTC is 03:00–03:10 CET, "MEZ" in German; the period is wrapped with the summary.
    expect(text.replace(/\s+/g, " ")).toContain(
      "Die IP-Adresse 198.18.0.9 (Hochschule Beispielstadt) hat zwischen 03:00 und 03:10 MEZ am 9. Januar 2027 nach Diensten auf Port 22/tcp gescannt und dabei mindestens 150 Flows erzeugt.",
    );
    expect(text).toContain("Unsere Empfehlungen");
    expect(text).toContain("Sperren Sie ausgehende SSH-Verbindungen");
    expect(text).toMatch(
      /gilt bis zum \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\)/,
    );
    expect(text).toContain(`lassen Sie bitte [CSIRT #${incident.reference}] im Betreff stehen`);
    expect(text).not.toMatch(/\b(Dear|between|What we ask you to do)\b/);
  });

  it("formats numbers for the language: 18.321 flows in German, 18,321 in English", async () => {
    const german = await organisation("Forschungszentrum Nord", {
      language: "de",
      timeZone: "Europe/Berlin",
      contacts: [{ name: "IT-Sicherheit", email: "itsec@fz-nord.example" }],
    });
    const preview = await previewTemplate(db, {
      template: {
        subject: "[CSIRT #{{reference}}] {{flows}}",
        textBody: "{{flows}} / {{distinctTargets}} / {{period}}",
      },
      incidentType: "SSH_SCAN",
      reference: german.reference,
      language: "de",
    });
    expect(preview).toMatchObject({
      ok: true,
      message: { text: "18.321 / 9.000 / zwischen 03:00 und 03:10 MEZ am 9. Januar 2027" },
    });
    const english = await previewTemplate(db, {
      template: { subject: "[CSIRT #{{reference}}] {{flows}}", textBody: "{{flows}} / {{period}}" },
      incidentType: "SSH_SCAN",
      reference: german.reference,
      language: "en",
    });
    expect(english).toMatchObject({
      ok: true,
      message: { text: "18,321 / between 03:00 and 03:10 CET on 9 January 2027" },
    });
  });

  it("lets a contact's own language win over the organisation's, both ways", async () => {
    const incident = await organisation("Universität Ostsee", {
      language: "de",
      timeZone: "Europe/Berlin",
      contacts: [
        { name: "Rechenzentrum", email: "rz@uni-ostsee.example" },
        { name: "Visiting researcher desk", email: "visitors@uni-ostsee.example", language: "en" },
      ],
    });
    const sent = await notifyAndDeliver(incident.id);
    const byAddress = Object.fromEntries(sent.map(({ to, mail }) => [to, mail]));
    expect(byAddress["rz@uni-ostsee.example"]?.subject).toContain("SSH-Scans von");
    expect(byAddress["visitors@uni-ostsee.example"]?.subject).toBe(
      `[CSIRT #${incident.reference}] [TLP:AMBER] SSH scanning from 198.18.0.9 (Universität Ostsee)`,
    );
    expect(byAddress["visitors@uni-ostsee.example"]?.text).toContain("What we ask you to do");

    sink.messages.length = 0;
    const english = await organisation("Harbour College", {
      language: "en",
      timeZone: "Europe/London",
      contacts: [{ name: "Frau Schmidt", email: "schmidt@harbour.example", language: "de" }],
    });
    const [german] = await notifyAndDeliver(english.id);
    expect(german!.mail.subject).toBe(
      `[CSIRT #${english.reference}] [TLP:AMBER] SSH-Scans von 198.18.0.9 (Harbour College)`,
    );
    expect(german!.mail.text?.replace(/\s+/g, " ")).toContain("zwischen 02:00 und 02:10 GMT am 9. Januar 2027");
  });

  it("falls back to English when the German template is missing, says so in the template list, and can write it again", async () => {
    await db.template.delete({
      where: { incidentType_purpose_language: { incidentType: "SSH_SCAN", purpose: "FIRST_NOTICE", language: "de" } },
    });
    const groups = await listTemplateGroups(db, { defaultLanguage: "en" });
    const first = groups.find((group) => group.incidentType === "SSH_SCAN" && group.purpose === "FIRST_NOTICE")!;
    expect(first.languages.find((slot) => slot.language === "de")).toMatchObject({ template: null, fallsBackTo: "en" });
    expect(first.languages.find((slot) => slot.language === "en")?.template).not.toBeNull();

    const incident = await organisation("Technische Hochschule Süd", {
      language: "de",
      timeZone: "Europe/Berlin",
      contacts: [{ name: "Abuse-Team", email: "abuse@th-sued.example" }],
    });
    const [sent] = await notifyAndDeliver(incident.id);
    // The whole notice follows the template it is written with: English words, English dates, still the org's zone.
    expect(sent!.mail.subject).toBe(
      `[CSIRT #${incident.reference}] [TLP:AMBER] SSH scanning from 198.18.0.9 (Technische Hochschule Süd)`,
    );
    expect(sent!.mail.text).toContain("Dear Abuse-Team");
    expect(sent!.mail.text).toContain("What we ask you to do");
    expect(sent!.mail.text).not.toContain("Unsere Empfehlungen");

    const admin = await db.user.create({ data: { email: "admin@csirt.example", name: "Ada", role: "ADMIN" } });
    const { id } = await addTemplateLanguage(db, {
      incidentType: "SSH_SCAN",
      purpose: "FIRST_NOTICE",
      language: "de",
      actor: { id: admin.id, label: admin.email },
    });
    const restored = await db.template.findUniqueOrThrow({ where: { id } });
    expect(restored).toMatchObject({ language: "de", name: "SSH-Scan: Erstmeldung" });
    await expect(
      addTemplateLanguage(db, {
        incidentType: "SSH_SCAN",
        purpose: "FIRST_NOTICE",
        language: "de",
        actor: { id: admin.id, label: admin.email },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("previews and validates a German template the same way as an English one", async () => {
    const german = await db.template.findUniqueOrThrow({
      where: { incidentType_purpose_language: { incidentType: "SSH_SCAN", purpose: "REMINDER", language: "de" } },
    });
    const preview = await previewTemplate(db, { template: german, incidentType: "SSH_SCAN", language: "de" });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.message.subject).toMatch(/^\[CSIRT #\d+\] Erinnerung: SSH-Scans von /);
    expect(preview.message.text).toContain("(noch nicht versendet)");
    const broken = await previewTemplate(db, {
      template: { subject: "Erinnerung", textBody: "Guten Tag {{kontakt}}" },
      incidentType: "SSH_SCAN",
      language: "de",
    });
    expect(broken).toEqual({
      ok: false,
      problems: [
        "The text body uses {{kontakt}}, which is not a variable templates can use.",
        "The subject must carry {{reference}} so that replies can be matched to the incident.",
      ],
    });
  });
});
