import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DEFAULT_LANGUAGE } from "@/lib/i18n/languages";
import { buildTemplateView, describeAttachments, pickAttachments } from "./build-notification-message";
import { renderTemplate, type RenderedMessage, type TemplateSource, validateTemplate } from "./render-template";

/** Saves a template after checking it renders; a broken one is refused with every problem named. */
export async function saveTemplate(
  db: Db,
  { templateId, template, actor }: { templateId: string; template: TemplateSource; actor: AuditActor },
): Promise<void> {
  const problems = validateTemplate(template);
  if (problems.length) throw new AppError("INVALID_INPUT", problems.join(" "), { problems });
  const before = await db.template.findUnique({ where: { id: templateId } });
  if (!before) throw new AppError("NOT_FOUND", "No such template.");
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
    reference,
    language = DEFAULT_LANGUAGE,
  }: {
    template: TemplateSource;
    incidentType: "SSH_SCAN" | "SSH_BRUTE_FORCE_REPORT" | "OTHER";
    reference?: number | null;
    /** The template's language: the preview's dates, numbers and variable words follow it. */
    language?: string;
  },
): Promise<PreviewResult> {
  const problems = validateTemplate(template);
  if (problems.length) return { ok: false, problems };
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
