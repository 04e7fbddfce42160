import type { Tx } from "@/lib/db/client";
import type { InboundMail } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { changeIncidentStatusInTx } from "@/lib/incidents/change-incident-status";
import { checkAttachmentBytes } from "@/lib/portal/response-attachments";
import { RESPONSE_ATTACHMENT_LIMITS } from "@/lib/portal/response-options";
import { summariseAuthenticationResults } from "./authentication-results";
import type { InboundAttachment } from "./read-inbound-message";

const TIMELINE_TEXT_LIMIT = 20_000;

export interface FiledAttachment {
  fileName: string;
  sha256?: string;
  evidenceId?: string;
  problem?: string;
}

/**
 * Puts a message on an incident: a timeline entry with its text (quoted history and signature
 * already folded away), its files as institution evidence under the portal's rules (count,
 * total size, type checked against the bytes), and, for a person's reply to an incident that
 * was only notified, the acknowledgement (reminders stop: queued ones are cancelled).
 */
export async function fileMailOnIncidentInTx(
  tx: Tx,
  {
    mail,
    incidentId,
    attachments,
    senderLabel,
    visibility,
    acknowledges,
    actor,
  }: {
    mail: Pick<
      InboundMail,
      "id" | "subject" | "text" | "foldedText" | "authResults" | "kind" | "fromAddress" | "messageId"
    >;
    incidentId: string;
    attachments: InboundAttachment[];
    senderLabel: string;
    visibility: Visibility;
    acknowledges: boolean;
    actor: { id?: string | null; label: string };
  },
): Promise<{ files: FiledAttachment[]; acknowledged: boolean }> {
  const files: FiledAttachment[] = [];
  let totalBytes = 0;
  for (const attachment of attachments) {
    const checked = checkAttachmentBytes({ name: attachment.fileName, content: attachment.content });
    if ("problem" in checked) {
      files.push({ fileName: checked.fileName, problem: checked.problem });
      continue;
    }
    if (
      files.filter((file) => file.evidenceId).length >= RESPONSE_ATTACHMENT_LIMITS.files ||
      totalBytes + checked.content.length > RESPONSE_ATTACHMENT_LIMITS.totalBytes
    ) {
      files.push({
        fileName: checked.fileName,
        problem: `${checked.fileName} was not kept: a message brings at most ${RESPONSE_ATTACHMENT_LIMITS.files} files of ${RESPONSE_ATTACHMENT_LIMITS.label} together.`,
      });
      continue;
    }
    totalBytes += checked.content.length;
    const evidence = await tx.evidence.create({
      data: {
        incidentId,
        kind: "FILE",
        title: `From ${senderLabel} by e-mail: ${checked.fileName}`,
        fileName: checked.fileName,
        contentType: checked.contentType,
        content: new Uint8Array(checked.content),
        sha256: checked.sha256,
        meta: { inboundMailId: mail.id },
      },
      select: { id: true },
    });
    files.push({ fileName: checked.fileName, sha256: checked.sha256, evidenceId: evidence.id });
  }
  const kept = files.filter((file) => file.evidenceId).map((file) => file.fileName);
  const refused = files.filter((file) => file.problem).map((file) => file.problem!);
  const automatic = mail.kind === "AUTO_REPLY";
  const heading = automatic
    ? `Automatic reply from ${senderLabel} (acknowledges nothing)`
    : `Reply by e-mail from ${senderLabel}`;
  const body =
    mail.text.length > TIMELINE_TEXT_LIMIT
      ? `${mail.text.slice(0, TIMELINE_TEXT_LIMIT)}\n[… the rest is in the message]`
      : mail.text;
  await tx.timelineEvent.create({
    data: {
      incidentId,
      type: "MAIL_RECEIVED",
      visibility,
      actorId: actor.id ?? null,
      // A person's reply is the institution acting (it puts the incident under Needs attention); an out-of-office is not.
      actorKind: automatic ? "SYSTEM" : "INSTITUTION",
      actorLabel: actor.label,
      message: [
        `${heading}: ${mail.subject || "(no subject)"}`,
        body || "(no text)",
        kept.length ? `Attached: ${kept.join(", ")}.` : "",
        ...refused,
      ]
        .filter(Boolean)
        .join("\n\n"),
      data: {
        inboundMailId: mail.id,
        messageId: mail.messageId,
        from: mail.fromAddress,
        automatic,
        folded: Boolean(mail.foldedText),
        authentication: summariseAuthenticationResults(mail.authResults)?.results ?? null,
        attachments: files.map((file) => ({ ...file })),
      },
    },
  });
  let acknowledged = false;
  if (acknowledges && !automatic) {
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { status: true } });
    if (incident.status === "NOTIFIED") {
      await changeIncidentStatusInTx(tx, {
        incidentId,
        to: "ACKNOWLEDGED",
        actor,
        reason: `acknowledged by the e-mail reply from ${senderLabel}`,
      });
      await tx.notification.updateMany({
        where: { incidentId, purpose: "REMINDER", state: { in: ["QUEUED", "HELD"] } },
        data: { state: "CANCELLED", lastError: "the incident was acknowledged by e-mail" },
      });
      acknowledged = true;
    }
  }
  return { files, acknowledged };
}
