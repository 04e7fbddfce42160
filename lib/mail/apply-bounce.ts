import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ContactRole, NotificationPurpose } from "@/lib/generated/prisma/enums";
import { MAX_ATTEMPTS, nextAttemptDelayMs } from "@/lib/notify/deliver-notifications";
import { messageIdDomain } from "@/lib/notify/queue-incident-notifications";
import { randomUUID } from "node:crypto";
import { bounceSeverity, type DeliveryStatus } from "./delivery-status";
import { notificationIdFromBounceAddress } from "./verp";

/** Who gets a notice that bounced: security first, the escalation contact last. */
const ROLE_ORDER: ContactRole[] = ["SECURITY", "ABUSE", "TECHNICAL", "ESCALATION"];

export interface BounceOutcome {
  notificationId: string | null;
  severity: "hard" | "soft" | "none";
  /** A sentence for the mail's record. */
  note: string;
  incidentId: string | null;
  contactId: string | null;
}

/**
 * Applies a delivery status notification to the message it is about (found by the VERP return
 * path, else by the bounced message's Message-ID). Hard: the notification is BOUNCED with the
 * diagnostic, the contact counts a hard bounce (undeliverable after `undeliverableAfter`), the
 * notice moves to the next contact who has not had it, and analysts read it on the incident.
 * Soft: a report that the server gave up for now sends the message again later; a "delayed"
 * report is only noted.
 */
export async function applyBounceInTx(
  tx: Tx,
  {
    recipients,
    deliveryStatus,
    undeliverableAfter,
    now,
  }: { recipients: string[]; deliveryStatus: DeliveryStatus | null; undeliverableAfter: number; now: Date },
): Promise<BounceOutcome> {
  const byVerp = notificationIdFromBounceAddress(recipients);
  const notification =
    (byVerp ? await tx.notification.findUnique({ where: { id: byVerp } }) : null) ??
    (deliveryStatus?.originalMessageId
      ? await tx.notification.findUnique({ where: { messageId: deliveryStatus.originalMessageId } })
      : null);
  if (!notification) {
    const digest =
      (byVerp ? await tx.noticeDigest.findUnique({ where: { id: byVerp } }) : null) ??
      (deliveryStatus?.originalMessageId
        ? await tx.noticeDigest.findUnique({ where: { messageId: deliveryStatus.originalMessageId } })
        : null);
    if (digest) return applyDigestBounceInTx(tx, { digest, deliveryStatus, undeliverableAfter, now });
  }
  if (!notification)
    return {
      notificationId: null,
      severity: "none",
      note: "A bounce for a message we cannot find (no known return path or Message-ID).",
      incidentId: null,
      contactId: null,
    };
  const recipient =
    deliveryStatus?.recipients.find(
      (entry) => entry.finalRecipient?.toLowerCase() === notification.toAddress.toLowerCase(),
    ) ??
    deliveryStatus?.recipients[0] ??
    null;
  // A bounce with no machine-readable report, sent to the message's own return path, is taken as hard.
  const severity = recipient ? bounceSeverity(recipient) : "hard";
  const diagnostic = recipient
    ? [recipient.status, recipient.diagnostic].filter(Boolean).join(" ") || recipient.action
    : "the mail server returned the message";
  const base = {
    notificationId: notification.id,
    severity,
    incidentId: notification.incidentId,
    contactId: notification.contactId,
  };

  if (severity === "none")
    return {
      ...base,
      note: `A delivery report for ${notification.toAddress} that reports no failure (${recipient?.action || "no action"}).`,
    };

  if (severity === "soft") {
    const retry =
      recipient?.action === "failed" && notification.state === "SENT" && notification.attempts < MAX_ATTEMPTS;
    await tx.notification.update({
      where: { id: notification.id },
      data: {
        bounceDiagnostic: diagnostic,
        ...(retry
          ? { state: "QUEUED", nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(notification.attempts)) }
          : {}),
      },
    });
    await recordBounceEvent(
      tx,
      notification.incidentId,
      `Delivery to ${notification.toAddress} ${retry ? "failed for now; it will be sent again" : "is delayed"} (${diagnostic}).`,
      {
        notificationId: notification.id,
        severity,
        diagnostic,
      },
    );
    return {
      ...base,
      note: `Soft bounce for ${notification.toAddress}: ${retry ? "sent again later" : "noted"} (${diagnostic}).`,
    };
  }

  if (notification.state === "BOUNCED")
    return { ...base, note: `A further hard bounce for ${notification.toAddress}, already recorded.` };
  await tx.notification.update({
    where: { id: notification.id },
    data: { state: "BOUNCED", bouncedAt: now, bounceDiagnostic: diagnostic },
  });
  let flagged = false;
  if (notification.contactId) {
    const contact = await tx.contact.update({
      where: { id: notification.contactId },
      data: { hardBounces: { increment: 1 }, lastBounceAt: now, lastBounce: diagnostic.slice(0, 1000) },
      select: { hardBounces: true, undeliverableAt: true },
    });
    if (contact.hardBounces >= undeliverableAfter && !contact.undeliverableAt) {
      await tx.contact.update({ where: { id: notification.contactId }, data: { undeliverableAt: now } });
      flagged = true;
    }
  }
  // A notice must reach the organisation; an analyst's message was meant for whom they chose.
  const next = notification.purpose === "MESSAGE" ? null : await moveNoticeToNextContact(tx, notification);
  const moved =
    notification.purpose === "MESSAGE"
      ? "Write to another contact from the incident page."
      : next
        ? `The notice goes to ${next} instead.`
        : "No other contact of the organisation is left to send it to.";
  await recordBounceEvent(
    tx,
    notification.incidentId,
    `The message to ${notification.toAddress} bounced (${diagnostic}).${flagged ? ` ${notification.toAddress} is now flagged undeliverable.` : ""} ${moved}`,
    {
      notificationId: notification.id,
      severity,
      diagnostic,
      movedTo: next,
      undeliverable: flagged,
    },
  );
  return { ...base, note: `Hard bounce for ${notification.toAddress} (${diagnostic}). ${moved}` };
}

/** Analysts read every bounce on the incident (internal: the institution's address problems are ours to fix). */
async function recordBounceEvent(
  tx: Tx,
  incidentId: string,
  message: string,
  data: Prisma.InputJsonObject,
): Promise<void> {
  await tx.timelineEvent.create({
    data: {
      incidentId,
      type: "MAIL_BOUNCED",
      visibility: "INTERNAL",
      actorKind: "SYSTEM",
      actorLabel: "mail",
      message,
      data,
    },
  });
}

/** Queues the same notice for the first active, deliverable contact who has not had it (escalation last). */
async function moveNoticeToNextContact(
  tx: Tx,
  notification: {
    id: string;
    incidentId: string;
    purpose: NotificationPurpose;
    round: number;
    body: string | null;
    references: string[];
  },
): Promise<string | null> {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: notification.incidentId },
    select: { organisationId: true },
  });
  const alreadyTold = await tx.notification.findMany({
    where: { incidentId: notification.incidentId, purpose: notification.purpose, round: notification.round },
    select: { contactId: true },
  });
  const told = new Set(alreadyTold.map((row) => row.contactId));
  const candidates = await tx.contact.findMany({
    where: { organisationId: incident.organisationId, active: true, undeliverableAt: null },
    orderBy: { createdAt: "asc" },
  });
  const next = candidates
    .filter((contact) => !told.has(contact.id))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0];
  if (!next) return null;
  const id = randomUUID();
  await tx.notification.create({
    data: {
      id,
      incidentId: notification.incidentId,
      contactId: next.id,
      toAddress: next.email,
      purpose: notification.purpose,
      round: notification.round,
      batch: `after-bounce:${notification.id}`,
      body: notification.body,
      references: notification.references,
      state: "QUEUED",
      messageId: `<${id}@${messageIdDomain()}>`,
    },
  });
  return next.email;
}

/**
 * A bounce for a digest: a hard one marks the digest and every notice it carried BOUNCED (each
 * incident says so to analysts) and counts one hard bounce against the contact; the other
 * contacts have their own digests, so nothing moves on. A soft one is noted on the incidents.
 */
async function applyDigestBounceInTx(
  tx: Tx,
  {
    digest,
    deliveryStatus,
    undeliverableAfter,
    now,
  }: {
    digest: { id: string; toAddress: string; contactId: string | null; state: string };
    deliveryStatus: DeliveryStatus | null;
    undeliverableAfter: number;
    now: Date;
  },
): Promise<BounceOutcome> {
  const recipient =
    deliveryStatus?.recipients.find(
      (entry) => entry.finalRecipient?.toLowerCase() === digest.toAddress.toLowerCase(),
    ) ??
    deliveryStatus?.recipients[0] ??
    null;
  const severity = recipient ? bounceSeverity(recipient) : "hard";
  const diagnostic = recipient
    ? [recipient.status, recipient.diagnostic].filter(Boolean).join(" ") || recipient.action
    : "the mail server returned the message";
  const carried = await tx.notification.findMany({
    where: { digestId: digest.id },
    select: { id: true, incidentId: true },
  });
  const incidentIds = [...new Set(carried.map((row) => row.incidentId))];
  const base = {
    notificationId: carried[0]?.id ?? null,
    severity,
    incidentId: incidentIds[0] ?? null,
    contactId: digest.contactId,
  };
  if (severity !== "hard" || digest.state === "BOUNCED") {
    const note = `Delivery report for the digest to ${digest.toAddress}: ${severity === "hard" ? "already recorded" : diagnostic}.`;
    if (severity === "soft")
      for (const incidentId of incidentIds)
        await recordBounceEvent(tx, incidentId, `${note}`, { digestId: digest.id, severity, diagnostic });
    return { ...base, note };
  }
  await tx.noticeDigest.update({ where: { id: digest.id }, data: { state: "BOUNCED", lastError: diagnostic } });
  await tx.notification.updateMany({
    where: { digestId: digest.id, state: "SENT" },
    data: { state: "BOUNCED", bouncedAt: now, bounceDiagnostic: diagnostic },
  });
  let flagged = false;
  if (digest.contactId) {
    const contact = await tx.contact.update({
      where: { id: digest.contactId },
      data: { hardBounces: { increment: 1 }, lastBounceAt: now, lastBounce: diagnostic.slice(0, 1000) },
      select: { hardBounces: true, undeliverableAt: true },
    });
    if (contact.hardBounces >= undeliverableAfter && !contact.undeliverableAt) {
      await tx.contact.update({ where: { id: digest.contactId }, data: { undeliverableAt: now } });
      flagged = true;
    }
  }
  const message = `The digest to ${digest.toAddress} bounced (${diagnostic}).${flagged ? ` ${digest.toAddress} is now flagged undeliverable.` : ""}`;
  for (const incidentId of incidentIds)
    await recordBounceEvent(tx, incidentId, message, {
      digestId: digest.id,
      severity,
      diagnostic,
      undeliverable: flagged,
    });
  return { ...base, note: `Hard bounce for the digest to ${digest.toAddress} (${diagnostic}).` };
}
