import { zipSync } from "fflate";
import type { Db } from "@/lib/db/client";
import type { Evidence, NoticeDigest } from "@/lib/generated/prisma/client";
import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { languageOr } from "@/lib/i18n/languages";
import { bytesLabel } from "@/lib/labels";
import { getSettings } from "@/lib/settings/get-settings";
import { readableDay, readablePeriod, readableTime } from "@/lib/time/readable-time";
import { type MailAttachment, pickAttachments } from "./build-notification-message";
import { csirtIdentity } from "./csirt-identity";
import { DIGEST_TEMPLATE } from "./default-templates";
import { DIGEST_WORDS } from "./digest-words";
import { findNoticeTemplate, noticeLanguage } from "./find-notice-template";
import { NOTICE_WORDS, readableSummaryIn } from "./notice-words";
import { renderTemplate, type RenderedMessage } from "./render-template";
import { noticeReportAttachments } from "./reports/notice-report-attachments";
import { createResponseToken, responseUrl, tokenForResponseRow } from "./response-links";
import type { DigestIncidentView, DigestView } from "./template-variables";
import { wrapText } from "./wrap-text";
import { mailableEvidence, markNotice } from "./tlp-notice";
import { stricterTlp } from "@/lib/tlp/tlp";

/** The digest's one flows file: every incident's flow lists since it was last told, one header, a reference column first. */
export function combineFlowLists(items: Array<{ reference: number; lists: Evidence[] }>): string | null {
  let header: string | null = null;
  const lines: string[] = [];
  for (const { reference, lists } of items) {
    for (const list of lists) {
      const [first, ...rows] = Buffer.from(list.content).toString("utf8").split(/\r?\n/);
      if (first === undefined) continue;
      header ??= `incident,${first}`;
      for (const row of rows) if (row.trim() !== "") lines.push(`${reference},${row}`);
    }
  }
  return header === null ? null : `${[header, ...lines].join("\n")}\n`;
}

export interface BuiltDigest {
  message: RenderedMessage;
  attachments: MailAttachment[];
  /** The incidents it lists (first one: whose organisation decides encryption). */
  incidentIds: string[];
  references: number[];
}

/**
 * One digest mail: the digest template over every notice the digest took (one entry per
 * incident, newest kind wins), each with its own response link (the notice's own token, as a
 * single notice would carry), the incidents' flows in one CSV (zipped above `zipAboveKiB`),
 * their third-party logs, and the X-ARF / IODEF reports the organisation wants, one per incident
 * (the report id is the notice's id, so every attempt sends the same reports).
 */
export async function buildDigestMessage(
  db: Db,
  digest: NoticeDigest,
  { responseLinkDays, zipAboveKiB, now = new Date() }: { responseLinkDays: number; zipAboveKiB: number; now?: Date },
): Promise<BuiltDigest | null> {
  const notifications = await db.notification.findMany({
    where: { digestId: digest.id, state: { in: ["DIGEST", "SENDING", "QUEUED"] } },
    include: { incident: { include: { organisation: true, evidence: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  if (notifications.length === 0) return null;
  const organisation = notifications[0]!.incident.organisation;
  const timeZone = organisation.timeZone;
  const contact = digest.contactId ? await db.contact.findUnique({ where: { id: digest.contactId } }) : null;
  // Written in the contact's language (else the organisation's), like a single notice.
  const defaultLanguage = (await getSettings(db))["notify.defaultLanguage"];
  const found = await findNoticeTemplate(db, {
    incidentType: "OTHER",
    purpose: "DIGEST",
    language: noticeLanguage(organisation, contact, defaultLanguage),
    defaultLanguage,
  });
  const template = found?.template ?? DIGEST_TEMPLATE;
  const language = languageOr(found?.template.language);
  const words = DIGEST_WORDS[language];

  // One entry per incident: the first notice it took speaks for it.
  const byIncident = new Map<string, (typeof notifications)[number]>();
  for (const notification of notifications)
    if (!byIncident.has(notification.incidentId)) byIncident.set(notification.incidentId, notification);
  const entries = [...byIncident.values()].sort((a, b) => a.incident.reference - b.incident.reference);

  const views: DigestIncidentView[] = [];
  const flowItems: Array<{ reference: number; lists: Evidence[] }> = [];
  const otherFiles: MailAttachment[] = [];
  const reports: MailAttachment[] = [];
  let expires = new Date(now.getTime() + responseLinkDays * 86_400_000);
  for (const notification of entries) {
    const { incident } = notification;
    let token = await db.responseToken.findUnique({ where: { notificationId: notification.id } });
    if (!token) {
      const created = await createResponseToken(db, {
        incidentId: incident.id,
        contactId: notification.contactId,
        notificationId: notification.id,
        email: digest.toAddress,
        expiresAt: expires,
      });
      token = await db.responseToken.findUniqueOrThrow({ where: { id: created.id } });
    }
    expires = new Date(Math.min(expires.getTime(), token.expiresAt.getTime()));
    const lastTold = await db.notification.findFirst({
      where: { incidentId: incident.id, contactId: notification.contactId, state: "SENT" },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    });
    // TLP:RED files stay on the platform (its response link shows them).
    const mailable = mailableEvidence(incident.tlp, incident.evidence);
    const lists = mailable
      .filter((item) => item.kind === "FLOW_LIST" && (!lastTold?.sentAt || item.createdAt > lastTold.sentAt))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    flowItems.push({ reference: incident.reference, lists });
    const attached = pickAttachments(mailable);
    const sample = attached.find((item) => item.kind === "FLOW_SAMPLE");
    for (const item of mailable.filter((entry) => entry.kind === "THIRD_PARTY_LOG"))
      otherFiles.push({ filename: item.fileName, content: Buffer.from(item.content), contentType: item.contentType });
    if (incident.tlp !== "RED") reports.push(...noticeReportAttachments(notification, incident, attached, now));
    views.push({
      reference: String(incident.reference),
      kind:
        notification.purpose === "UPDATE" && !notification.batch.startsWith("digest:")
          ? words.kind.startedAgain
          : (words.kind[notification.purpose as NotificationPurpose] ?? words.kind.updated),
      incidentType: NOTICE_WORDS[language].incidentType[incident.type],
      sourceIp: incident.sourceIp,
      summaryReadable: wrapText(readableSummaryIn(incident.summary, language, timeZone)),
      period: readablePeriod(incident.firstSeen, incident.lastSeen, timeZone, language),
      sample: sample
        ? Buffer.from(sample.content).toString("utf8").trimEnd()
        : mailable.length < incident.evidence.length
          ? NOTICE_WORDS[language].redWithheld
          : words.noSample,
      responseUrl: responseUrl(tokenForResponseRow(token.id)),
    });
  }

  const attachments: MailAttachment[] = [];
  const csv = combineFlowLists(flowItems);
  const stamp = digest.dueAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  let flowsNote = words.noFlows;
  if (csv !== null) {
    const bytes = Buffer.from(csv, "utf8");
    const name = `csirt-digest-${stamp}-flows.csv`;
    const rows = csv.split("\n").length - 2;
    if (bytes.length > zipAboveKiB * 1024) {
      const zipped = Buffer.from(zipSync({ [name]: new Uint8Array(bytes) }, { level: 6 }));
      attachments.push({ filename: `${name}.zip`, content: zipped, contentType: "application/zip" });
      flowsNote = words.flowsZipped(`${name}.zip`, rows, bytesLabel(bytes.length));
    } else {
      attachments.push({ filename: name, content: bytes, contentType: "text/csv; charset=utf-8" });
      flowsNote = words.flowsPlain(name, rows);
    }
  }
  attachments.push(...otherFiles, ...reports);
  const notes = [
    flowsNote,
    ...otherFiles.map((file) => words.thirdPartyLog(file.filename)),
    ...(reports.length ? [words.reports(reports.length)] : []),
  ];
  const earliest = new Date(Math.min(now.getTime(), ...notifications.map((row) => row.createdAt.getTime())));
  const view: DigestView = {
    organisation: organisation.name,
    contactName: contact?.name ?? NOTICE_WORDS[language].colleagues,
    countText: words.countText(entries.length),
    since: readableTime(earliest, timeZone, language),
    incidents: views,
    attachmentsNote: `${NOTICE_WORDS[language].attachedHeading}\n${notes.join("\n")}`,
    responseLinkExpires: readableDay(expires, timeZone, language),
    csirtName: csirtIdentity().name,
  };
  // The digest carries the strictest marking of the incidents it lists.
  const tlp = entries.map((entry) => entry.incident.tlp).reduce(stricterTlp);
  return {
    message: markNotice(renderTemplate(template, view), tlp, language),
    attachments,
    incidentIds: entries.map((entry) => entry.incidentId),
    references: entries.map((entry) => entry.incident.reference),
  };
}
