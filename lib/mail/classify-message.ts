/**
 * What kind of mail this is, from its headers alone: a bounce (RFC 3464), an automatic
 * answer (RFC 3834 Auto-Submitted, out-of-office, Precedence bulk/junk/list), one of our own
 * messages come back (a loop), or a person's reply. Pure: no I/O. Nothing is ever answered
 * automatically, whatever the kind.
 */
import type { InboundMessage } from "./read-inbound-message";
import { notificationIdFromBounceAddress } from "./verp";

export type MessageKind = "BOUNCE" | "AUTO_REPLY" | "OWN_MESSAGE" | "REPLY";

const OUT_OF_OFFICE =
  /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheit|absence|r[ée]ponse automatique|vacation|on leave|away from)/i;

export function classifyMessage(
  message: Pick<InboundMessage, "headers" | "subject" | "from" | "deliveryStatus" | "recipients">,
  { ourAddresses }: { ourAddresses: readonly string[] },
): { kind: MessageKind; why: string } {
  if (message.deliveryStatus) return { kind: "BOUNCE", why: "a delivery status notification (RFC 3464)" };
  const from = message.from.address.toLowerCase();
  if (/^(mailer-daemon|postmaster)@/i.test(from) && notificationIdFromBounceAddress(message.recipients))
    return { kind: "BOUNCE", why: "a bounce from a mail server without a machine-readable report" };
  if (message.headers["x-csirt-incident"] || ourAddresses.some((address) => address.toLowerCase() === from)) {
    return { kind: "OWN_MESSAGE", why: "one of our own messages came back (a mail loop)" };
  }
  const autoSubmitted = message.headers["auto-submitted"]?.toLowerCase().split(";")[0]?.trim();
  if (autoSubmitted && autoSubmitted !== "no") return { kind: "AUTO_REPLY", why: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = message.headers.precedence?.toLowerCase().trim();
  if (precedence === "bulk" || precedence === "junk" || precedence === "list")
    return { kind: "AUTO_REPLY", why: `Precedence: ${precedence}` };
  if (message.headers["x-autoreply"] || message.headers["x-autorespond"])
    return { kind: "AUTO_REPLY", why: "marked as an automatic reply (X-Autoreply)" };
  if (OUT_OF_OFFICE.test(message.subject.replace(/^(re|aw|fw|fwd):\s*/i, "")))
    return { kind: "AUTO_REPLY", why: "an out-of-office answer (by its subject)" };
  if (message.headers["return-path"]?.replace(/\s/g, "") === "<>")
    return { kind: "AUTO_REPLY", why: "sent with an empty return path (automatic mail)" };
  return { kind: "REPLY", why: "a reply" };
}
