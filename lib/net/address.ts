import { formatIpv4, parseIpv4 } from "./ipv4";
import { formatIpv6, isIpv4Mapped, parseIpv6, type Ipv6Words } from "./ipv6";

/** An IP address as 32-bit words: one for IPv4, four for IPv6 (most significant first). */
export type IpAddress =
  | { readonly version: 4; readonly words: readonly [number] }
  | { readonly version: 6; readonly words: Readonly<Ipv6Words> };

/**
 * Every address that enters the product goes through here (or the flow parsers' byte reader,
 * which follows the same rule): an IPv4-mapped IPv6 address (::ffff:a.b.c.d) comes out as the
 * IPv4 address, so that one host has one form in storage, matching and search.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== -1) return { version: 4, words: [v4] };
  const v6 = parseIpv6(text);
  return v6 === null ? null : unmapIpv4({ version: 6, words: v6 });
}

export function formatIpAddress(address: IpAddress): string {
  return address.version === 4 ? formatIpv4(address.words[0]) : formatIpv6(address.words);
}

/** The canonical text of an address (dotted quad, or RFC 5952 IPv6), or null when it is not one. */
export function canonicalIpAddress(text: string): string | null {
  const address = parseIpAddress(text);
  return address === null ? null : formatIpAddress(address);
}

export function isIpAddress(text: string): boolean {
  return parseIpAddress(text) !== null;
}

/** ::ffff:a.b.c.d is the IPv4 host a.b.c.d seen through a dual-stack socket; treat it as IPv4. */
export function unmapIpv4(address: IpAddress): IpAddress {
  if (address.version === 6 && isIpv4Mapped(address.words)) {
    return { version: 4, words: [address.words[3]] };
  }
  return address;
}

export function addressBitLength(version: 4 | 6): 32 | 128 {
  return version === 4 ? 32 : 128;
}
