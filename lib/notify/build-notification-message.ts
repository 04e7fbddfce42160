import { csirtIdentity } from "./csirt-identity";
import { readableSummary } from "@/lib/incidents/readable-summary";
import { readableDay, readablePeriod, readableTime } from "@/lib/time/readable-time";
import { wrapText } from "./wrap-text";
import type { Db } from "@/lib/db/client";
import type { Evidence, Notification } from "@/lib/generated/prisma/client";
import type { IncidentType } from "@/lib/generated/prisma/enums";
import Mustache from "mustache";
import { adviceFor } from "./advice";
import { renderTemplate, type RenderedMessage } from "./render-template";
import { createResponseToken, responseUrl, tokenForResponseRow } from "./response-links";
import type { TemplateView } from "./template-variables";
import { noticeReportAttachments } from "./reports/notice-report-attachments";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

const TYPE_LABEL: Record<IncidentType, string> = {
  SSH_SCAN: "SSH scan",
  SSH_BRUTE_FORCE_REPORT: "SSH password guessing reported by a third party",
  OTHER: "Incident",
};

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The attachments of a notice: the log sample, the flows CSV (latest of each) and every third-party log. */
export function pickAttachments(evidence: Evidence[]): Evidence[] {
  const latest = (kind: Evidence["kind"]) =>
    evidence.filter((item) => item.kind === kind).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return [
    latest("FLOW_SAMPLE"),
    latest("FLOW_LIST"),
    ...evidence.filter((item) => item.kind === "THIRD_PARTY_LOG"),
  ].filter((item): item is Evidence => Boolean(item));
}

export function describeAttachments(attachments: Evidence[]): string {
  if (attachments.length === 0) return "Nothing is attached to this message.";
  const lines = attachments.map((item) => {
    if (item.kind === "FLOW_SAMPLE") return `- ${item.fileName}: the log sample, with its legend`;
    if (item.kind === "FLOW_LIST") {
      const meta = (item.meta ?? {}) as { flows?: number; kept?: number };
      return item.truncated
        ? `- ${item.fileName}: the first ${meta.kept ?? "?"} of ${meta.flows ?? "?"} flows (the file is capped at that size)`
        : `- ${item.fileName}: all ${meta.flows ?? meta.kept ?? ""} flows`.replace(/ {2,}/g, " ");
    }
    return `- ${item.fileName}: ${item.title}`;
  });
  return `Attached:\n${lines.join("\n")}`;
}

export interface TemplateContext {
  incident: {
    reference: number;
    type: IncidentType;
    sourceIp: string;
    port: number | null;
    protocol: string;
    flowCount: number;
    distinctTargets: number;
    firstSeen: Date;
    lastSeen: Date;
    summary: string;
  };
  organisationName: string;
  /** The organisation's time zone: readable times in the notice are in it. */
  timeZone?: string;
  contactName: string;
  sampleText: string;
  attachmentsNote: string;
  responseUrl: string;
  responseLinkExpires: Date;
  notifiedAt: Date | null;
}

export function buildTemplateView(context: TemplateContext): TemplateView {
  const { incident } = context;
  const base = {
    reference: String(incident.reference),
    organisation: context.organisationName,
    contactName: context.contactName,
    incidentType: TYPE_LABEL[incident.type],
    sourceIp: incident.sourceIp,
    port: String(incident.port ?? ""),
    protocol: incident.protocol,
    flows: String(incident.flowCount),
    distinctTargets: String(incident.distinctTargets),
    firstSeen: isoSeconds(incident.firstSeen),
    lastSeen: isoSeconds(incident.lastSeen),
    summary: wrapText(incident.summary),
    summaryReadable: wrapText(readableSummary(incident.summary, context.timeZone)),
    period: readablePeriod(incident.firstSeen, incident.lastSeen, context.timeZone),
    sample: context.sampleText || "(no flow sample: see the attached log)",
    attachmentsNote: context.attachmentsNote,
    responseUrl: context.responseUrl,
    responseLinkExpires: readableDay(context.responseLinkExpires, context.timeZone),
    notifiedAt: context.notifiedAt ? readableTime(context.notifiedAt, context.timeZone) : "(not yet sent)",
    csirtName: csirtIdentity().name,
  };
  return { ...base, advice: Mustache.render(adviceFor(incident.type), base, undefined, { escape: String }) };
}

/** An analyst's own words (purpose MESSAGE): their subject and text, the reference tag and the response link. */
export function analystMessage(
  notification: Pick<Notification, "subject" | "body">,
  view: TemplateView,
): RenderedMessage {
  const tag = `[CSIRT #${view.reference}]`;
  const subject = (notification.subject ?? "").trim() || `${tag} About incident #${view.reference}`;
  const text = [
    `Dear ${view.contactName},`,
    "",
    (notification.body ?? "").trim(),
    "",
    `Reply to this message, keeping ${tag} in the subject, or use your link: ${view.responseUrl}`,
    "",
    view.csirtName,
  ].join("\n");
  return { subject: subject.includes(tag) ? subject : `${subject} ${tag}`, text, html: null };
}

/** Everything one outbox row turns into: the rendered message and its attachments, byte for byte from evidence. */
export async function buildNotificationMessage(
  db: Db,
  notification: Notification,
  { responseLinkDays }: { responseLinkDays: number },
): Promise<{ reference: number; message: RenderedMessage; attachments: MailAttachment[] } | null> {
  const incident = await db.incident.findUnique({
    where: { id: notification.incidentId },
    include: { organisation: true, evidence: true },
  });
  if (!incident) return null;
  const contact = notification.contactId
    ? await db.contact.findUnique({ where: { id: notification.contactId } })
    : null;
  const template =
    notification.purpose === "MESSAGE"
      ? null
      : ((await db.template.findUnique({
          where: { incidentType_purpose: { incidentType: incident.type, purpose: notification.purpose } },
        })) ??
        (await db.template.findUnique({
          where: { incidentType_purpose: { incidentType: "SSH_SCAN", purpose: notification.purpose } },
        })));
  if (!template && notification.purpose !== "MESSAGE")
    throw new Error(`no template for ${incident.type} / ${notification.purpose}`);

  let token = await db.responseToken.findUnique({ where: { notificationId: notification.id } });
  if (!token) {
    const created = await createResponseToken(db, {
      incidentId: incident.id,
      contactId: notification.contactId,
      notificationId: notification.id,
      email: notification.toAddress,
      expiresAt: new Date(Date.now() + responseLinkDays * 86_400_000),
    });
    token = await db.responseToken.findUniqueOrThrow({ where: { id: created.id } });
  }
  const attachments = pickAttachments(incident.evidence);
  const sample = attachments.find((item) => item.kind === "FLOW_SAMPLE");
  const firstSent = await db.notification.findFirst({
    where: { incidentId: incident.id, state: "SENT" },
    orderBy: { sentAt: "asc" },
    select: { sentAt: true },
  });
  const view = buildTemplateView({
    incident: { ...incident, sourceIp: incident.sourceIp },
    organisationName: incident.organisation.name,
    timeZone: incident.organisation.timeZone,
    contactName: contact?.name ?? "colleagues",
    sampleText: sample ? Buffer.from(sample.content).toString("utf8").trimEnd() : "",
    attachmentsNote: describeAttachments(attachments),
    responseUrl: responseUrl(tokenForResponseRow(token.id)),
    responseLinkExpires: token.expiresAt,
    notifiedAt: firstSent?.sentAt ?? null,
  });
  return {
    reference: incident.reference,
    message: template ? renderTemplate(template, view) : analystMessage(notification, view),
    attachments: [
      ...attachments.map((item) => ({
        filename: item.fileName,
        content: Buffer.from(item.content),
        contentType: item.contentType,
      })),
      // Machine-readable reports go with notices, not with an analyst's own message.
      ...(template ? noticeReportAttachments(notification, incident, attachments) : []),
    ],
  };
}
