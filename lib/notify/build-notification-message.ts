import { csirtIdentity } from "./csirt-identity";
import { DEFAULT_LANGUAGE, formatNumber } from "@/lib/i18n/languages";
import { readableDay, readablePeriod, readableTime } from "@/lib/time/readable-time";
import { findNoticeTemplate, noticeLanguage } from "./find-notice-template";
import { noticeWords, readableSummaryIn, summaryIn } from "./notice-words";
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
import { mailableEvidence, markNotice } from "./tlp-notice";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

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

export function describeAttachments(attachments: Evidence[], language: string = DEFAULT_LANGUAGE): string {
  const words = noticeWords(language);
  const number = (value: number | undefined) => (value === undefined ? "?" : formatNumber(value, language));
  if (attachments.length === 0) return words.nothingAttached;
  const lines = attachments.map((item) => {
    if (item.kind === "FLOW_SAMPLE") return `- ${item.fileName}: ${words.sampleFile}`;
    if (item.kind === "FLOW_LIST") {
      const meta = (item.meta ?? {}) as { flows?: number; kept?: number };
      if (item.truncated) return `- ${item.fileName}: ${words.flowsTruncated(number(meta.kept), number(meta.flows))}`;
      const flows = meta.flows ?? meta.kept;
      return `- ${item.fileName}: ${words.flowsAll(flows === undefined ? "" : number(flows))}`.replace(/ {2,}/g, " ");
    }
    return `- ${item.fileName}: ${item.title}`;
  });
  return `${words.attachedHeading}\n${lines.join("\n")}`;
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
  /** The language of the template the notice is written with: its variables' words, dates and numbers follow it. */
  language?: string;
  contactName: string;
  sampleText: string;
  attachmentsNote: string;
  responseUrl: string;
  responseLinkExpires: Date;
  notifiedAt: Date | null;
}

export function buildTemplateView(context: TemplateContext): TemplateView {
  const { incident, timeZone } = context;
  const language = context.language ?? DEFAULT_LANGUAGE;
  const words = noticeWords(language);
  const base = {
    reference: String(incident.reference),
    organisation: context.organisationName,
    contactName: context.contactName,
    incidentType: words.incidentType[incident.type],
    sourceIp: incident.sourceIp,
    port: String(incident.port ?? ""),
    protocol: incident.protocol,
    flows: formatNumber(incident.flowCount, language),
    distinctTargets: formatNumber(incident.distinctTargets, language),
    firstSeen: isoSeconds(incident.firstSeen),
    lastSeen: isoSeconds(incident.lastSeen),
    summary: wrapText(summaryIn(incident.summary, language)),
    summaryReadable: wrapText(readableSummaryIn(incident.summary, language, timeZone)),
    period: readablePeriod(incident.firstSeen, incident.lastSeen, timeZone, language),
    sample: context.sampleText || words.noSample,
    attachmentsNote: context.attachmentsNote,
    responseUrl: context.responseUrl,
    responseLinkExpires: readableDay(context.responseLinkExpires, timeZone, language),
    notifiedAt: context.notifiedAt ? readableTime(context.notifiedAt, timeZone, language) : words.notYetSent,
    csirtName: csirtIdentity().name,
  };
  return {
    ...base,
    advice: Mustache.render(adviceFor(incident.type, language), base, undefined, { escape: String }),
  };
}

/** An analyst's own words (purpose MESSAGE): their subject and text, the reference tag and the response link, in the contact's language. */
export function analystMessage(
  notification: Pick<Notification, "subject" | "body">,
  view: TemplateView,
  language: string = DEFAULT_LANGUAGE,
): RenderedMessage {
  const words = noticeWords(language);
  const tag = `[CSIRT #${view.reference}]`;
  const subject = (notification.subject ?? "").trim() || `${tag} ${words.aboutIncident(view.reference)}`;
  const text = [
    words.greeting(view.contactName),
    "",
    (notification.body ?? "").trim(),
    "",
    words.replyLine(tag, view.responseUrl),
    "",
    view.csirtName,
  ].join("\n");
  return { subject: subject.includes(tag) ? subject : `${subject} ${tag}`, text, html: null };
}

/** Everything one outbox row turns into: the rendered message and its attachments, byte for byte from evidence. */
export async function buildNotificationMessage(
  db: Db,
  notification: Notification,
  { responseLinkDays, defaultLanguage = DEFAULT_LANGUAGE }: { responseLinkDays: number; defaultLanguage?: string },
): Promise<{ reference: number; message: RenderedMessage; attachments: MailAttachment[] } | null> {
  const incident = await db.incident.findUnique({
    where: { id: notification.incidentId },
    include: { organisation: true, evidence: true },
  });
  if (!incident) return null;
  const contact = notification.contactId
    ? await db.contact.findUnique({ where: { id: notification.contactId } })
    : null;
  const wanted = noticeLanguage(incident.organisation, contact, defaultLanguage);
  const found =
    notification.purpose === "MESSAGE"
      ? null
      : await findNoticeTemplate(db, {
          incidentType: incident.type,
          purpose: notification.purpose,
          language: wanted,
          defaultLanguage,
        });
  const template = found?.template ?? null;
  if (!template && notification.purpose !== "MESSAGE")
    throw new Error(`no template for ${incident.type} / ${notification.purpose}`);
  // The notice is written in the language of the template found, so its dates and words match its text.
  const language = template?.language ?? wanted;

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
  // TLP:RED files stay on the platform: the notice says so and the response link shows them.
  const attachments = pickAttachments(mailableEvidence(incident.tlp, incident.evidence));
  const withheld = pickAttachments(incident.evidence).length > attachments.length;
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
    language,
    contactName: contact?.name ?? noticeWords(language).colleagues,
    sampleText: sample
      ? Buffer.from(sample.content).toString("utf8").trimEnd()
      : withheld
        ? noticeWords(language).redWithheld
        : "",
    attachmentsNote: [
      describeAttachments(attachments, language),
      ...(withheld ? [noticeWords(language).redWithheld] : []),
    ].join("\n\n"),
    responseUrl: responseUrl(tokenForResponseRow(token.id)),
    responseLinkExpires: token.expiresAt,
    notifiedAt: firstSent?.sentAt ?? null,
  });
  return {
    reference: incident.reference,
    message: markNotice(
      template ? renderTemplate(template, view) : analystMessage(notification, view, language),
      incident.tlp,
      language,
    ),
    attachments: [
      ...attachments.map((item) => ({
        filename: item.fileName,
        content: Buffer.from(item.content),
        contentType: item.contentType,
      })),
      // Machine-readable reports go with notices, not with an analyst's own message.
      // A RED incident's reports are not sent either: they are made to be passed on to other systems.
      ...(template && incident.tlp !== "RED" ? noticeReportAttachments(notification, incident, attachments) : []),
    ],
  };
}
