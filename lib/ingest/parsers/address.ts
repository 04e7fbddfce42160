/**
 * Canonical address text: IPv4 dotted quad without leading zeros, IPv6 in RFC 5952 form
 * (lower case, no leading zeros, longest run of two or more zero groups as "::").
 * An IPv4-mapped address (::ffff:a.b.c.d, a dual-stack socket's view of an IPv4 host) IS that
 * IPv4 host: it comes out as a.b.c.d, so one host has one text, one incident and one search.
 * All functions return null for invalid input.
 */
import { asciiString, excerpt, findByte } from "./scan";

let octet0 = 0;
let octet1 = 0;
let octet2 = 0;
let octet3 = 0;
let ipv4HasLeadingZero = false;

/** Validates an IPv4 dotted quad into octet0..3; true when valid. Leading zeros are read as decimal. */
function readIPv4(b: Buffer, start: number, end: number): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  ipv4HasLeadingZero = false;
  for (let i = start; i < end; i++) {
    const byte = b[i]!;
    if (byte === 46) {
      if (digits === 0 || octets === 3) return false;
      if (octets === 0) octet0 = value;
      else if (octets === 1) octet1 = value;
      else octet2 = value;
      octets++;
      value = 0;
      digits = 0;
    } else {
      const digit = byte - 48;
      if (digit < 0 || digit > 9 || digits === 3) return false;
      if (digits === 1 && value === 0) ipv4HasLeadingZero = true;
      value = value * 10 + digit;
      if (value > 255) return false;
      digits++;
    }
  }
  if (octets !== 3 || digits === 0) return false;
  octet3 = value;
  return true;
}

// Flow files repeat addresses, and a cache lookup is cheaper than making the string.
// Direct-mapped (one slot per hash, newest wins): no Map churn, no allocation on a hit.
// Small on purpose: a large table misses the CPU cache and keeps strings alive into the old generation.
const CACHE_SLOTS = 1 << 12;
const ipv4Keys = new Int32Array(CACHE_SLOTS);
const ipv4Texts: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

export function canonicalIPv4Bytes(b: Buffer, start: number, end: number): string | null {
  if (!readIPv4(b, start, end)) return null;
  const key = (octet0 << 24) | (octet1 << 16) | (octet2 << 8) | octet3;
  const slot = (Math.imul(key, 0x9e3779b1) >>> 16) & (CACHE_SLOTS - 1);
  const cached = ipv4Texts[slot];
  if (cached !== undefined && ipv4Keys[slot] === key) return cached;
  const text = ipv4HasLeadingZero ? `${octet0}.${octet1}.${octet2}.${octet3}` : asciiString(b, start, end);
  ipv4Keys[slot] = key;
  ipv4Texts[slot] = text;
  return text;
}

const groups = new Uint16Array(8);

function hexNibble(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

/** Parses IPv6 text into `groups`; true when valid. Zone ids (%eth0) are not accepted. */
function readIPv6(b: Buffer, start: number, end: number): boolean {
  let count = 0;
  let gapAt = -1;
  let pos = start;
  if (end - start < 2) return false;
  if (b[pos] === 58) {
    if (b[pos + 1] !== 58) return false;
    gapAt = 0;
    pos += 2;
  }
  while (pos < end) {
    if (count === 8) return false;
    const groupStart = pos;
    let value = 0;
    while (pos < end && pos - groupStart < 5) {
      const nibble = hexNibble(b[pos]!);
      if (nibble < 0) break;
      value = value * 16 + nibble;
      pos++;
    }
    if (pos < end && b[pos] === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (count > 6 || !readIPv4(b, groupStart, end)) return false;
      groups[count++] = octet0 * 256 + octet1;
      groups[count++] = octet2 * 256 + octet3;
      pos = end;
      break;
    }
    const length = pos - groupStart;
    if (length === 0 || length > 4) return false;
    groups[count++] = value;
    if (pos === end) break;
    if (b[pos] !== 58) return false;
    pos++;
    if (pos < end && b[pos] === 58) {
      if (gapAt !== -1) return false;
      gapAt = count;
      pos++;
    } else if (pos === end) {
      return false; // trailing single colon
    }
  }
  if (gapAt === -1) return count === 8;
  if (count > 7) return false;
  const missing = 8 - count;
  for (let i = count - 1; i >= gapAt; i--) groups[i + missing] = groups[i]!;
  for (let i = gapAt; i < gapAt + missing; i++) groups[i] = 0;
  return true;
}

/** RFC 5952 text of `groups`; an IPv4-mapped address as its IPv4 dotted quad. */
function formatIPv6(): string {
  const g = groups;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  // A flag, not out.endsWith(":"): asking a string being built what it ends with flattens it every group.
  let out = "";
  let separate = false;
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += "::";
      i += bestLength - 1;
      separate = false;
      continue;
    }
    if (separate) out += ":";
    out += g[i]!.toString(16);
    separate = true;
  }
  return out;
}

const ipv6Keys = new Uint16Array(CACHE_SLOTS * 8);
const ipv6Texts: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

export function canonicalIPv6Bytes(b: Buffer, start: number, end: number): string | null {
  if (!readIPv6(b, start, end)) return null;
  const g = groups;
  let hash = 0;
  for (let i = 0; i < 8; i++) hash = Math.imul(hash ^ g[i]!, 0x9e3779b1);
  const slot = (hash >>> 16) & (CACHE_SLOTS - 1);
  const base = slot * 8;
  const cached = ipv6Texts[slot];
  if (
    cached !== undefined &&
    ipv6Keys[base] === g[0] &&
    ipv6Keys[base + 1] === g[1] &&
    ipv6Keys[base + 2] === g[2] &&
    ipv6Keys[base + 3] === g[3] &&
    ipv6Keys[base + 4] === g[4] &&
    ipv6Keys[base + 5] === g[5] &&
    ipv6Keys[base + 6] === g[6] &&
    ipv6Keys[base + 7] === g[7]
  ) {
    return cached;
  }
  const text = formatIPv6();
  ipv6Keys.set(g, base);
  ipv6Texts[slot] = text;
  return text;
}

/** IPv4 or IPv6 (IPv6 when the range holds a ':'); surrounding blanks are not allowed. */
export function canonicalAddressBytes(b: Buffer, start: number, end: number): string | null {
  // The IPv4 reader stops at the first ':', so trying it first costs IPv6 little.
  const ipv4 = canonicalIPv4Bytes(b, start, end);
  if (ipv4 !== null || findByte(b, 58, start, end) === -1) return ipv4;
  return canonicalIPv6Bytes(b, start, end);
}

/** The canonical text of an IPv4 or IPv6 address, or null when it is not one. */
export function canonicalAddress(text: string): string | null {
  if (!/^[0-9A-Fa-f.:]{2,45}$/.test(text)) return null;
  return canonicalAddressBytes(Buffer.from(text, "latin1"), 0, text.length);
}

/** "type.code" (how nfdump prints ICMP in the port position) or a plain port; -1 if neither. */
export function parsePortOrIcmp(b: Buffer, start: number, end: number): number {
  let value = 0;
  let icmpType = -1;
  if (start === end) return -1;
  for (let i = start; i < end; i++) {
    const byte = b[i]!;
    if (byte === 46 && icmpType === -1 && i > start && i < end - 1) {
      icmpType = value;
      value = 0;
      continue;
    }
    const digit = byte - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
    if (value > 65535) return -1;
  }
  if (icmpType === -1) return value;
  return icmpType > 255 || value > 255 ? -1 : icmpType * 256 + value;
}

const ABBREVIATED_IPV6 = "IPv6 address abbreviated by nfdump (print full addresses with -o line6/long6/extended6):";

/**
 * An "address + port" token as flow tools print it: `192.0.2.1:22`, `[2001:db8::1]:22`,
 * nfdump's `2001:db8::1.22`, and ICMP `type.code` in the port position.
 * After parse(), `address`/`port` hold the values or `error` says what was wrong.
 */
export class EndpointReader {
  address = "";
  port = 0;
  error = "";

  parse(b: Buffer, start: number, end: number): boolean {
    if (b[start] === 91) {
      const close = findByte(b, 93, start, end);
      if (close === -1 || close + 1 >= end || b[close + 1] !== 58) {
        return this.fail("malformed bracketed address", b, start, end);
      }
      return this.finish(b, start + 1, close, close + 2, end);
    }
    let lastColon = end - 1;
    while (lastColon >= start && b[lastColon] !== 58) lastColon--;
    if (lastColon < start) return this.fail("missing port in", b, start, end);
    if (findByte(b, 58, start, lastColon) === -1) return this.finish(b, start, lastColon, lastColon + 1, end);

    // IPv6 with a dot before the port. The dots after the last colon tell the layout:
    // 1 = addr.port, 2 = addr.type.code (ICMP), 4 or 5 = the same after an embedded IPv4.
    let dots = 0;
    let firstDot = -1;
    let fourthDot = -1;
    for (let i = start + 1; i < end; i++) {
      if (b[i] !== 46) continue;
      if (b[i - 1] === 46) return this.fail(ABBREVIATED_IPV6, b, start, end);
      if (i < lastColon) continue;
      dots++;
      if (dots === 1) firstDot = i;
      else if (dots === 4) fourthDot = i;
    }
    let split = -1;
    if (dots === 1 || dots === 2) split = firstDot;
    else if (dots === 4 || dots === 5) split = fourthDot;
    if (split === -1) return this.fail("IPv6 endpoint needs [address]:port or address.port:", b, start, end);
    return this.finish(b, start, split, split + 1, end);
  }

  private finish(b: Buffer, addressStart: number, addressEnd: number, portStart: number, end: number): boolean {
    const address = canonicalAddressBytes(b, addressStart, addressEnd);
    if (address === null) return this.fail("invalid address", b, addressStart, addressEnd);
    const port = parsePortOrIcmp(b, portStart, end);
    if (port < 0) return this.fail("invalid port", b, portStart, end);
    this.address = address;
    this.port = port;
    return true;
  }

  private fail(what: string, b: Buffer, start: number, end: number): boolean {
    this.error = `${what} ${excerpt(b, start, end)}`;
    return false;
  }
}
