/**
 * Where a webhook may go. A URL is accepted when it is http(s), carries no credentials, and its
 * host is on the `webhooks.allowedHosts` list; every address the host stands for (checked when it
 * is saved and again, at connect time, for every delivery: see `deliver-webhooks.ts`) must not be
 * loopback (unless `webhooks.allowLoopback`), link-local (cloud metadata lives there),
 * unspecified, multicast or broadcast. Pure except `resolveDeliverableAddresses` (DNS).
 */
import { lookup } from "node:dns/promises";
import { cidrContainsAddress, parseCidr } from "@/lib/net/cidr";
import { parseIpAddress } from "@/lib/net/address";

export interface WebhookUrlPolicy {
  allowedHosts: readonly string[];
  allowLoopback: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2000;

const REFUSED_NETWORKS = [
  { cidr: parseCidr("127.0.0.0/8"), reason: "a loopback address", loopback: true },
  { cidr: parseCidr("::1/128"), reason: "a loopback address", loopback: true },
  { cidr: parseCidr("0.0.0.0/8"), reason: "an unspecified address", loopback: false },
  { cidr: parseCidr("::/128"), reason: "an unspecified address", loopback: false },
  { cidr: parseCidr("169.254.0.0/16"), reason: "a link-local address (cloud metadata lives there)", loopback: false },
  { cidr: parseCidr("fe80::/10"), reason: "a link-local address", loopback: false },
  { cidr: parseCidr("fd00:ec2::254/128"), reason: "a cloud metadata address", loopback: false },
  { cidr: parseCidr("224.0.0.0/4"), reason: "a multicast address", loopback: false },
  { cidr: parseCidr("ff00::/8"), reason: "a multicast address", loopback: false },
  { cidr: parseCidr("255.255.255.255/32"), reason: "the broadcast address", loopback: false },
];

/** Why an address may not receive webhooks, or null when it may. */
export function refusedAddressReason(
  address: string,
  { allowLoopback }: Pick<WebhookUrlPolicy, "allowLoopback">,
): string | null {
  const parsed = parseIpAddress(address);
  if (parsed === null) return `"${address}" is not an IP address`;
  const hit = REFUSED_NETWORKS.find((network) => cidrContainsAddress(network.cidr, parsed));
  if (!hit || (hit.loopback && allowLoopback)) return null;
  return `${address} is ${hit.reason}`;
}

/** `hooks.example.org` matches itself; `*.example.org` matches its subdomains (not example.org itself). */
export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = bareHost(hostname).toLowerCase();
  return allowedHosts.some((entry) => {
    const pattern = bareHost(entry).toLowerCase();
    if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    if (parseIpAddress(pattern) && parseIpAddress(host)) return pattern === host || sameAddress(pattern, host);
    return pattern === host;
  });
}

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; error: string };

/** The rules a URL meets before it is saved (DNS comes after, in `resolveDeliverableAddresses`). */
export function checkWebhookUrl(text: string, policy: WebhookUrlPolicy): WebhookUrlCheck {
  const trimmed = text.trim();
  if (trimmed.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, error: `A URL can be at most ${MAX_WEBHOOK_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: "That is not a URL (e.g. https://soar.example.org/hooks/csirt)." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, error: `Only http and https URLs are allowed, not ${url.protocol.replace(/:$/, "")}.` };
  if (url.username || url.password)
    return {
      ok: false,
      error: "A URL with a user name or password is not allowed; the receiver checks the signature instead.",
    };
  const host = bareHost(url.hostname);
  if (!isAllowedHost(host, policy.allowedHosts))
    return {
      ok: false,
      error: `${host} is not on the list of hosts webhooks may be sent to (setting “webhooks.allowedHosts”).`,
    };
  if (host === "localhost" || host.endsWith(".localhost")) {
    if (!policy.allowLoopback) return { ok: false, error: `${host} is a loopback address.` };
  } else if (parseIpAddress(host)) {
    const reason = refusedAddressReason(host, policy);
    if (reason) return { ok: false, error: `${reason}; webhooks are not sent there.` };
  }
  url.hash = "";
  return { ok: true, url };
}

/**
 * Every address the host stands for, each checked; throws with the reason when one is refused
 * (a name that also points at a refused address is refused as a whole) or the name does not resolve.
 */
export async function resolveDeliverableAddresses(
  hostname: string,
  policy: Pick<WebhookUrlPolicy, "allowLoopback">,
): Promise<Array<{ address: string; family: 4 | 6 }>> {
  const host = bareHost(hostname);
  const addresses = parseIpAddress(host)
    ? [{ address: host, family: host.includes(":") ? 6 : 4 }]
    : await lookup(host, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
        throw new WebhookAddressError(`${host} does not resolve (${error.code ?? error.message})`);
      });
  for (const { address } of addresses) {
    const reason = refusedAddressReason(address, policy);
    if (reason) throw new WebhookAddressError(`${host} resolves to ${reason}`);
  }
  if (addresses.length === 0) throw new WebhookAddressError(`${host} has no address`);
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

export class WebhookAddressError extends Error {}

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1");
}

function sameAddress(a: string, b: string): boolean {
  const left = parseIpAddress(a);
  const right = parseIpAddress(b);
  return (
    left !== null &&
    right !== null &&
    left.version === right.version &&
    left.words.every((word, i) => word === right.words[i])
  );
}
