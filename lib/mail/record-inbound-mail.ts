import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InboundMailKind, InboundMailSource, InboundMailState } from "@/lib/generated/prisma/enums";
import { mailFrom } from "@/lib/notify/transport";
import { safeFileName } from "@/lib/portal/response-attachments";
import { getSettings } from "@/lib/settings/get-settings";
import { applyBounceInTx } from "./apply-bounce";
import { classifyMessage } from "./classify-message";
import { fileMailOnIncidentInTx } from "./file-mail-on-incident";
import { findMailThread, findOrganisationSender } from "./find-mail-thread";
import { foldQuotedText } from "./fold-quoted-text";
import { readInboundMessage, type InboundMessage } from "./read-inbound-message";
import { addressOf } from "./verp";

export type InboundOutcome = "attached" | "unmatched" | "recorded" | "duplicate";

export interface RecordedMail {
  id: string | null;
  outcome: InboundOutcome;
  note: string;
  /** Not read (malformed, too large): the mailbox keeps it in its failed folder. */
  unreadable?: boolean;
}

/** PostgreSQL text and jsonb refuse NUL; mail may carry it anywhere. */
function noNul(value: string): string {
  return value.replace(/\u0000/g, "");
}

function sha256(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Reads one incoming message and records it exactly once (keyed by its Message-ID, or its
 * bytes' SHA-256 when it has none): a person's reply or an automatic answer onto its incident
 * when the sender speaks for that organisation, a bounce onto the message it is about, and
 * anything else into the unmatched list. Malformed or oversized mail is recorded as such;
 * nothing is dropped without a record. Everything for one message commits in one transaction.
 */
export async function recordInboundMail(
  db: Db,
  {
    raw,
    source,
    totalSize = raw.length,
    now = new Date(),
  }: {
    raw: Buffer;
    source: InboundMailSource /** The whole message's size when `raw` holds only its head (too large to fetch). */;
    totalSize?: number;
    now?: Date;
  },
): Promise<RecordedMail> {
  const settings = await getSettings(db);
  const rawExpiresAt = new Date(now.getTime() + settings["mail.rawRetentionDays"] * 86_400_000);
  const base = { source, sizeBytes: totalSize, rawExpiresAt };

  if (totalSize > settings["mail.maxMessageMiB"] * 1024 * 1024) {
    const head = raw.subarray(0, 64 * 1024);
    return saveRecord(db, {
      ...base,
      dedupeKey: `too-large:${sha256(raw)}:${totalSize}`,
      kind: "TOO_LARGE",
      state: "UNMATCHED",
      fromAddress: noNul(/^from:\s*(.+)$/im.exec(head.toString("latin1"))?.[1]?.trim() ?? "").slice(0, 300),
      subject: noNul(/^subject:\s*(.+)$/im.exec(head.toString("latin1"))?.[1]?.trim() ?? "(unknown)").slice(0, 300),
      text: "",
      note: `Larger than ${settings["mail.maxMessageMiB"]} MiB (${(totalSize / 1048576).toFixed(1)} MiB): not read. Its first 64 KiB are kept; the whole message stays in the mailbox's failed folder.`,
      raw: new Uint8Array(head),
    });
  }

  let message: InboundMessage;
  try {
    message = await readInboundMessage(raw);
  } catch (error) {
    return saveRecord(db, {
      ...base,
      dedupeKey: `sha256:${sha256(raw)}`,
      kind: "MALFORMED",
      state: "UNMATCHED",
      fromAddress: "",
      subject: "(unreadable message)",
      text: "",
      note: `Could not be read as mail: ${(error as Error).message}`.slice(0, 1000),
      raw: new Uint8Array(raw),
    });
  }

  const dedupeKey = message.messageId ? `message-id:${noNul(message.messageId)}` : `sha256:${sha256(raw)}`;
  if (await db.inboundMail.findUnique({ where: { dedupeKey }, select: { id: true } }))
    return { id: null, outcome: "duplicate", note: "already recorded" };

  const folded = foldQuotedText(message.text);
  const { kind, why } = classifyMessage(message, { ourAddresses: [addressOf(mailFrom())] });
  const common = {
    ...base,
    dedupeKey,
    messageId: message.messageId && noNul(message.messageId),
    kind: kind as InboundMailKind,
    fromAddress: noNul(message.from.address).slice(0, 320),
    fromName: message.from.name ? noNul(message.from.name).slice(0, 200) : null,
    subject: noNul(message.subject) || "(no subject)",
    sentAt: message.sentAt,
    inReplyTo: message.inReplyTo && noNul(message.inReplyTo).slice(0, 1000),
    references: message.referencedIds.map(noNul),
    authResults: message.authResults ? noNul(message.authResults).slice(0, 4000) : null,
    text: folded.text,
    foldedText: folded.folded || null,
    attachments: message.attachments.map((attachment) => ({
      fileName: safeFileName(attachment.fileName),
      contentType: noNul(attachment.contentType).slice(0, 200),
      bytes: attachment.content.length,
    })),
    raw: new Uint8Array(raw),
  };

  try {
    return await db.$transaction(async (tx) => {
      if (kind === "OWN_MESSAGE") {
        const row = await tx.inboundMail.create({
          data: { ...common, state: "RECORDED", note: `Recorded only: ${why}. Never answered.` },
        });
        return { id: row.id, outcome: "recorded" as const, note: row.note };
      }
      if (kind === "BOUNCE") {
        const bounce = await applyBounceInTx(tx, {
          recipients: message.recipients,
          deliveryStatus: message.deliveryStatus,
          undeliverableAfter: settings["mail.undeliverableAfterBounces"],
          now,
        });
        const state: InboundMailState = bounce.notificationId ? "RECORDED" : "UNMATCHED";
        const row = await tx.inboundMail.create({
          data: { ...common, state, note: bounce.note, incidentId: bounce.incidentId, contactId: bounce.contactId },
        });
        return {
          id: row.id,
          outcome: bounce.notificationId ? ("recorded" as const) : ("unmatched" as const),
          note: row.note,
        };
      }
      const thread = await findMailThread(tx, { referencedIds: message.referencedIds, subject: message.subject });
      const sender = thread
        ? await findOrganisationSender(tx, { organisationId: thread.organisationId, address: message.from.address })
        : null;
      if (!thread || !sender) {
        const note = !thread
          ? "Names no incident of ours (no known Message-ID in In-Reply-To/References, no [CSIRT #…] tag)."
          : `${message.from.address || "The sender"} is not an active contact or member of the organisation of incident #${thread.reference}; an analyst decides.`;
        const row = await tx.inboundMail.create({
          data: {
            ...common,
            state: "UNMATCHED",
            note: `${why[0]!.toUpperCase()}${why.slice(1)}. ${note}`,
            incidentId: null,
          },
        });
        return { id: row.id, outcome: "unmatched" as const, note: row.note };
      }
      const row = await tx.inboundMail.create({
        data: {
          ...common,
          state: "ATTACHED",
          incidentId: thread.incidentId,
          contactId: sender.contactId,
          note: `On incident #${thread.reference} (by ${thread.by}).`,
        },
      });
      const filed = await fileMailOnIncidentInTx(tx, {
        mail: row,
        incidentId: thread.incidentId,
        attachments: message.attachments,
        senderLabel: sender.label,
        // The institution sees its people's replies; their out-of-office answers are for analysts only.
        visibility: kind === "AUTO_REPLY" ? "INTERNAL" : "INSTITUTION",
        acknowledges: kind === "REPLY",
        actor: { label: sender.label },
      });
      const refused = filed.files.filter((file) => file.problem).map((file) => file.problem);
      const note = [
        `On incident #${thread.reference} (by ${thread.by}).`,
        kind === "AUTO_REPLY" ? `Automatic answer (${why}): acknowledges nothing.` : "",
        filed.acknowledged ? "Acknowledged the incident." : "",
        ...refused,
      ]
        .filter(Boolean)
        .join(" ");
      await tx.inboundMail.update({ where: { id: row.id }, data: { note } });
      return { id: row.id, outcome: "attached" as const, note };
    });
  } catch (error) {
    // Another worker recorded the same message a moment ago.
    if (isUniqueViolation(error)) return { id: null, outcome: "duplicate", note: "already recorded" };
    throw error;
  }
}

async function saveRecord(
  db: Db,
  data: Prisma.InboundMailCreateInput & { kind: InboundMailKind; state: InboundMailState },
): Promise<RecordedMail> {
  try {
    const row = await db.inboundMail.create({ data });
    return { id: row.id, outcome: "unmatched", note: row.note, unreadable: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { id: null, outcome: "duplicate", note: "already recorded", unreadable: true };
    throw error;
  }
}
