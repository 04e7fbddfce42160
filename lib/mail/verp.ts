/**
 * Each outgoing message's own return path (VERP): `bounces+<notification id>@<our domain>`,
 * so a delivery status notification names the message it is about. Pure: no I/O.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The address part of "Name <user@host>" or "user@host". */
export function addressOf(mailbox: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(mailbox);
  return (angle ? angle[1]! : mailbox).trim();
}

export function bounceAddress(notificationId: string, from: string): string {
  const domain = addressOf(from).split("@")[1] ?? "localhost";
  return `bounces+${notificationId}@${domain}`;
}

/** The notification id in a VERP address among the given recipients, if any. */
export function notificationIdFromBounceAddress(addresses: readonly string[]): string | null {
  for (const address of addresses) {
    const match = /^bounces\+([^@]+)@/i.exec(addressOf(address));
    if (match && UUID.test(match[1]!)) return UUID.exec(match[1]!)![0].toLowerCase();
  }
  return null;
}
