import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DEFAULT_LANGUAGE } from "@/lib/i18n/languages";
import { buildTemplateView, describeAttachments, pickAttachments } from "./build-notification-message";
import { renderTemplate, type RenderedMessage, type TemplateSource, validateTemplate } from "./render-template";
import { readableSummary } from "@/lib/incidents/readable-summary";
import { countOf, TYPE_LABEL } from "@/lib/labels";
import { readableDay, readablePeriod, readableTime } from "@/lib/time/readable-time";
import { csirtIdentity } from "./csirt-identity";
import type { DigestView } from "./template-variables";
import { wrapText } from "./wrap-text";

/** Saves a template after checking it renders; a broken one is refused with every problem named. */
export async function saveTemplate(
  db: Db,
  { templateId, template, actor }: { templateId: string; template: TemplateSource; actor: AuditActor },
): Promise<void> {
  const before = await db.template.findUnique({ where: { id: templateId } });
  if (!before) throw new AppError("NOT_FOUND", "No such template.");
  const problems = validateTemplate(template, before.purpose);
  if (problems.length) throw new AppError("INVALID_INPUT", problems.join(" "), { problems });
  await db.template.update({
    where: { id: templateId },
    data: {
      subject: template.subject,
      textBody: template.textBody,
      htmlBody: template.htmlBody?.trim() ? template.htmlBody : null,
      version: { increment: 1 },
      updatedById: actor.id ?? null,
    },
  });
  await recordAudit(db, {
    actor,
    action: "template.update",
    target: { type: "Template", id: templateId },
    data: { version: before.version + 1, previousSubject: before.subject },
  });
}

export type PreviewResult =
  | { ok: true; message: RenderedMessage; incidentReference: number | null }
  | { ok: false; problems: string[] };

/** Renders a draft against a real incident (the latest of the template's type, or the one asked for). */
export async function previewTemplate(
  db: Db,
  {
    template,
    incidentType,
    digest = false,
    reference,
    language = DEFAULT_LANGUAGE,
  }: {
    template: TemplateSource;
    incidentType: "SSH_SCAN" | "SSH_BRUTE_FORCE_REPORT" | "OTHER";
    /** The digest template: rendered over the latest incidents (or the one asked for). */
    digest?: boolean;
    reference?: number | null;
    /** The template's language: the preview's dates, numbers and variable words follow it. */
    language?: string;
  },
): Promise<PreviewResult> {
  const problems = validateTemplate(template, digest ? "DIGEST" : undefined);
  if (problems.length) return { ok: false, problems };
  if (digest) return previewDigest(db, { template, reference: reference ?? null });
  const incident = await db.incident.findFirst({
    where: reference ? { reference } : { type: incidentType },
    orderBy: { lastSeen: "desc" },
    include: { organisation: { include: { contacts: { where: { active: true }, take: 1 } } }, evidence: true },
  });
  const sample = incident?.evidence.find((item) => item.kind === "FLOW_SAMPLE");
  const view = buildTemplateView({
    incident: incident ?? {
      reference: 1234,
      type: incidentType,
      sourceIp: "192.0.2.45",
      port: 22,
      protocol: "tcp",
      flowCount: 18321,
      distinctTargets: 9000,
      firstSeen: new Date("2027-01-09T02:02:47Z"),
      lastSeen: new Date("2027-01-09T02:12:45Z"),
      summary:
        "An IP at Example College, 192.0.2.45 was scanning for port 22/tcp sending at least 18321 flows between 2027-01-09T02:02:47+00:00 and 2027-01-09T02:12:45+00:00.",
    },
    organisationName: incident?.organisation.name ?? "Example College",
    timeZone: incident?.organisation.timeZone,
    language,
    contactName: incident?.organisation.contacts[0]?.name ?? "Sam Security",
    sampleText: sample ? Buffer.from(sample.content).toString("utf8").trimEnd() : "",
    attachmentsNote: describeAttachments(incident ? pickAttachments(incident.evidence) : [], language),
    responseUrl: "https://csirt.example/respond/(a personal link, made when the message is sent)",
    responseLinkExpires: new Date(Date.now() + 14 * 86_400_000),
    notifiedAt: null,
  });
  return { ok: true, message: renderTemplate(template, view), incidentReference: incident?.reference ?? null };
}

/** The digest template over the three latest incidents (or the one asked for), as a contact of the first one's organisation would read it. */
async function previewDigest(
  db: Db,
  { template, reference }: { template: TemplateSource; reference: number | null },
): Promise<PreviewResult> {
  const incidents = await db.incident.findMany({
    where: reference ? { reference } : {},
    orderBy: { lastSeen: "desc" },
    take: 3,
    include: { organisation: { include: { contacts: { where: { active: true }, take: 1 } } }, evidence: true },
  });
  const organisation = incidents[0]?.organisation;
  const timeZone = organisation?.timeZone ?? "UTC";
  const view: DigestView = {
    organisation: organisation?.name ?? "Example College",
    contactName: organisation?.contacts[0]?.name ?? "Sam Security",
    countText: countOf(Math.max(incidents.length, 1), "incident"),
    since: readableTime(new Date(Date.now() - 86_400_000), timeZone),
    incidents: (incidents.length ? incidents : []).map((incident) => {
      const sample = incident.evidence.find((item) => item.kind === "FLOW_SAMPLE");
      return {
        reference: String(incident.reference),
        kind: incident.round > 0 ? "Started again" : "New",
        incidentType: TYPE_LABEL[incident.type],
        sourceIp: incident.sourceIp,
        summaryReadable: wrapText(readableSummary(incident.summary, timeZone)),
        period: readablePeriod(incident.firstSeen, incident.lastSeen, timeZone),
        sample: sample ? Buffer.from(sample.content).toString("utf8").trimEnd() : "(no flow sample)",
        responseUrl: "https://csirt.example/respond/(a personal link per incident, made when the digest is sent)",
      };
    }),
    attachmentsNote:
      "Attached:\n- csirt-digest-…-flows.csv: the flows of every incident above, the incident number in the first column",
    responseLinkExpires: readableDay(new Date(Date.now() + 14 * 86_400_000), timeZone),
    csirtName: csirtIdentity().name,
  };
  return { ok: true, message: renderTemplate(template, view), incidentReference: incidents[0]?.reference ?? null };
}
