import { zipSync } from "fflate";
import type { Db } from "@/lib/db/client";
import type { Evidence, NoticeDigest } from "@/lib/generated/prisma/client";
import type { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { readableSummary } from "@/lib/incidents/readable-summary";
import { TYPE_LABEL } from "@/lib/labels";
import { bytesLabel, countOf } from "@/lib/labels";
import { readableDay, readablePeriod, readableTime } from "@/lib/time/readable-time";
import { type MailAttachment, pickAttachments } from "./build-notification-message";
import { csirtIdentity } from "./csirt-identity";
import { DIGEST_TEMPLATE } from "./default-templates";
import { renderTemplate, type RenderedMessage } from "./render-template";
import { noticeReportAttachments } from "./reports/notice-report-attachments";
import { createResponseToken, responseUrl, tokenForResponseRow } from "./response-links";
import type { DigestIncidentView, DigestView } from "./template-variables";
import { wrapText } from "./wrap-text";

const KIND: Partial<Record<NotificationPurpose, string>> = {
  FIRST_NOTICE: "New",
  UPDATE: "Updated",
  REMINDER: "Reminder",
};

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
  const template =
    (await db.template.findUnique({
      where: { incidentType_purpose: { incidentType: "OTHER", purpose: "DIGEST" } },
    })) ?? DIGEST_TEMPLATE;

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
    const lists = incident.evidence
      .filter((item) => item.kind === "FLOW_LIST" && (!lastTold?.sentAt || item.createdAt > lastTold.sentAt))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    flowItems.push({ reference: incident.reference, lists });
    const attached = pickAttachments(incident.evidence);
    const sample = attached.find((item) => item.kind === "FLOW_SAMPLE");
    for (const item of incident.evidence.filter((entry) => entry.kind === "THIRD_PARTY_LOG"))
      otherFiles.push({ filename: item.fileName, content: Buffer.from(item.content), contentType: item.contentType });
    reports.push(...noticeReportAttachments(notification, incident, attached, now));
    views.push({
      reference: String(incident.reference),
      kind:
        notification.purpose === "UPDATE" && !notification.batch.startsWith("digest:")
          ? "Started again"
          : (KIND[notification.purpose] ?? "Updated"),
      incidentType: TYPE_LABEL[incident.type],
      sourceIp: incident.sourceIp,
      summaryReadable: wrapText(readableSummary(incident.summary, timeZone)),
      period: readablePeriod(incident.firstSeen, incident.lastSeen, timeZone),
      sample: sample ? Buffer.from(sample.content).toString("utf8").trimEnd() : "(no flow sample)",
      responseUrl: responseUrl(tokenForResponseRow(token.id)),
    });
  }

  const attachments: MailAttachment[] = [];
  const csv = combineFlowLists(flowItems);
  const stamp = digest.dueAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  let flowsNote = "No flows are attached (the incidents in this digest come from reports, not our flow monitoring).";
  if (csv !== null) {
    const bytes = Buffer.from(csv, "utf8");
    const name = `csirt-digest-${stamp}-flows.csv`;
    const rows = csv.split("\n").length - 2;
    if (bytes.length > zipAboveKiB * 1024) {
      const zipped = Buffer.from(zipSync({ [name]: new Uint8Array(bytes) }, { level: 6 }));
      attachments.push({ filename: `${name}.zip`, content: zipped, contentType: "application/zip" });
      flowsNote = `- ${name}.zip: ${countOf(rows, "flow")} of every incident above (${bytesLabel(bytes.length)} unzipped), the incident number in the first column`;
    } else {
      attachments.push({ filename: name, content: bytes, contentType: "text/csv; charset=utf-8" });
      flowsNote = `- ${name}: ${countOf(rows, "flow")} of every incident above, the incident number in the first column`;
    }
  }
  attachments.push(...otherFiles, ...reports);
  const notes = [
    flowsNote,
    ...otherFiles.map((file) => `- ${file.filename}: a third party's log`),
    ...(reports.length
      ? [`- ${countOf(reports.length, "machine-readable report")} (X-ARF / IODEF), one per incident`]
      : []),
  ];
  const earliest = new Date(Math.min(now.getTime(), ...notifications.map((row) => row.createdAt.getTime())));
  const view: DigestView = {
    organisation: organisation.name,
    contactName: contact?.name ?? "colleagues",
    countText: countOf(entries.length, "incident"),
    since: readableTime(earliest, timeZone),
    incidents: views,
    attachmentsNote: `Attached:\n${notes.join("\n")}`,
    responseLinkExpires: readableDay(expires, timeZone),
    csirtName: csirtIdentity().name,
  };
  return {
    message: renderTemplate(template, view),
    attachments,
    incidentIds: entries.map((entry) => entry.incidentId),
    references: entries.map((entry) => entry.incident.reference),
  };
}
