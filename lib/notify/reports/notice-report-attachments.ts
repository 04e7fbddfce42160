import type { Evidence, Incident, Notification, Organisation } from "@/lib/generated/prisma/client";
import { buildReportAttachments } from "./build-report-attachments";
import { exampleConnection } from "./example-connection";
import { reportSender } from "./report-sender";

/** Notices that describe the incident (not reminders or the resolution) carry the reports. */
const REPORTED_PURPOSES: ReadonlySet<Notification["purpose"]> = new Set(["FIRST_NOTICE", "UPDATE"]);

/**
 * The X-ARF and IODEF attachments of one notice, as its organisation asked for them. The
 * report id is the notification's, so every attempt at the same message sends the same report.
 */
export function noticeReportAttachments(
  notification: Pick<Notification, "id" | "purpose">,
  incident: Incident & { organisation: Pick<Organisation, "attachXarf" | "attachIodef">; evidence: Evidence[] },
  attached: Evidence[],
  now = new Date(),
): Array<{ filename: string; content: Buffer; contentType: string }> {
  const { attachXarf, attachIodef } = incident.organisation;
  if (!REPORTED_PURPOSES.has(notification.purpose) || (!attachXarf && !attachIodef)) return [];
  const thirdParty = incident.evidence.find((item) => item.kind === "THIRD_PARTY_LOG");
  return buildReportAttachments(
    {
      reportId: notification.id,
      reference: incident.reference,
      type: incident.type,
      sourceIp: incident.sourceIp,
      port: incident.port,
      protocol: incident.protocol,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
      events: incident.flowCount,
      distinctTargets: incident.distinctTargets,
      summary: incident.summary,
      generatedAt: now,
      sender: reportSender(),
      thirdPartyReporter: thirdParty
        ? String((thirdParty.meta as { reporter?: string } | null)?.reporter ?? "a third party")
        : null,
      example: exampleConnection(attached),
      evidence: attached.map((item) => ({
        fileName: item.fileName,
        contentType: item.contentType,
        description: item.title,
        content: Buffer.from(item.content),
      })),
    },
    { xarf: attachXarf, iodef: attachIodef },
  );
}
