/**
 * Canonical address text: IPv4 dotted quad without leading zeros, IPv6 in RFC 5952 form
 * (lower case, no leading zeros, longest run of two or more zero groups as "::",
 * IPv4-mapped addresses as ::ffff:a.b.c.d). All functions return null for invalid input.
 */
import { excerpt } from "./scan";

let octet0 = 0;
let octet1 = 0;
let octet2 = 0;
let octet3 = 0;

/** Validates an IPv4 dotted quad into octet0..3; true when valid. Leading zeros are read as decimal. */
function readIPv4(text: string, start: number, end: number): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || octets === 3) return false;
      if (octets === 0) octet0 = value;
      else if (octets === 1) octet1 = value;
      else octet2 = value;
      octets++;
      value = 0;
      digits = 0;
    } else {
      const digit = code - 48;
      if (digit < 0 || digit > 9 || digits === 3) return false;
      value = value * 10 + digit;
      if (value > 255) return false;
      digits++;
    }
  }
  if (octets !== 3 || digits === 0) return false;
  octet3 = value;
  return true;
}

function isCanonicalIPv4Text(text: string, start: number, end: number): boolean {
  // Leading zero: a '0' that starts an octet and is followed by another digit.
  for (let i = start; i < end - 1; i++) {
    if (text.charCodeAt(i) === 48 && (i === start || text.charCodeAt(i - 1) === 46)) {
      const next = text.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) return false;
    }
  }
  return true;
}

export function canonicalIPv4(text: string, start = 0, end = text.length): string | null {
  if (!readIPv4(text, start, end)) return null;
  if (isCanonicalIPv4Text(text, start, end)) {
    return start === 0 && end === text.length ? text : text.slice(start, end);
  }
  return `${octet0}.${octet1}.${octet2}.${octet3}`;
}

const groups = [0, 0, 0, 0, 0, 0, 0, 0];

/** Parses IPv6 text into `groups`; true when valid. */
function readIPv6(text: string, start: number, end: number): boolean {
  let count = 0;
  let gapAt = -1;
  let pos = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(pos) === 58) {
    if (text.charCodeAt(pos + 1) !== 58) return false;
    gapAt = 0;
    pos += 2;
  }
  while (pos < end) {
    if (count === 8) return false;
    const groupStart = pos;
    let value = 0;
    while (pos < end && pos - groupStart < 5) {
      const code = text.charCodeAt(pos);
      let nibble: number;
      if (code >= 48 && code <= 57) nibble = code - 48;
      else if (code >= 97 && code <= 102) nibble = code - 87;
      else if (code >= 65 && code <= 70) nibble = code - 55;
      else break;
      value = value * 16 + nibble;
      pos++;
    }
    if (pos < end && text.charCodeAt(pos) === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (count > 6 || !readIPv4(text, groupStart, end)) return false;
      groups[count++] = octet0 * 256 + octet1;
      groups[count++] = octet2 * 256 + octet3;
      pos = end;
      break;
    }
    const length = pos - groupStart;
    if (length === 0 || length > 4) return false;
    groups[count++] = value;
    if (pos === end) break;
    if (text.charCodeAt(pos) !== 58) return false;
    pos++;
    if (pos < end && text.charCodeAt(pos) === 58) {
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
  for (let i = count - 1; i >= gapAt; i--) groups[i + missing] = groups[i] as number;
  for (let i = gapAt; i < gapAt + missing; i++) groups[i] = 0;
  return true;
}

function formatIPv6(): string {
  const g = groups as [number, number, number, number, number, number, number, number];
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
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
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += "::";
      i += bestLength - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(":")) out += ":";
    out += g[i]!.toString(16);
  }
  return out;
}

// IPv6 text is slow to canonicalise and flow files repeat addresses a lot.
const ipv6Cache = new Map<string, string | null>();
const IPV6_CACHE_LIMIT = 50_000;

export function canonicalIPv6(text: string, start = 0, end = text.length): string | null {
  const raw = start === 0 && end === text.length ? text : text.slice(start, end);
  const cached = ipv6Cache.get(raw);
  if (cached !== undefined) return cached;
  const canonical = readIPv6(raw, 0, raw.length) ? formatIPv6() : null;
  if (ipv6Cache.size >= IPV6_CACHE_LIMIT) ipv6Cache.clear();
  ipv6Cache.set(raw, canonical);
  return canonical;
}

/** IPv4 or IPv6 (decided by the presence of ':'); surrounding blanks are not allowed. */
export function canonicalAddress(text: string, start = 0, end = text.length): string | null {
  const colon = text.indexOf(":", start);
  if (colon !== -1 && colon < end) return canonicalIPv6(text, start, end);
  return canonicalIPv4(text, start, end);
}

export function isIPv6(address: string): boolean {
  return address.includes(":");
}

/** "type.code" (how nfdump prints ICMP in the port position) or a plain port; -1 if neither. */
export function parsePortOrIcmp(text: string, start: number, end: number): number {
  let value = 0;
  let icmpType = -1;
  if (start === end) return -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && icmpType === -1 && i > start && i < end - 1) {
      icmpType = value;
      value = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
    if (value > 65535) return -1;
  }
  if (icmpType === -1) return value;
  return icmpType > 255 || value > 255 ? -1 : icmpType * 256 + value;
}

/**
 * An "address + port" token as flow tools print it: `192.0.2.1:22`, `[2001:db8::1]:22`,
 * nfdump's `2001:db8::1.22`, and ICMP `type.code` in the port position.
 * After parse(), `address`/`port` hold the values or `error` says what was wrong.
 */
export class EndpointReader {
  address = "";
  port = 0;
  error = "";

  parse(text: string, start: number, end: number): boolean {
    let addressEnd: number;
    let portStart: number;
    if (text.charCodeAt(start) === 91) {
      const close = text.indexOf("]", start);
      if (close === -1 || close >= end || text.charCodeAt(close + 1) !== 58) {
        return this.fail("malformed bracketed address", text, start, end);
      }
      return this.finish(text, start + 1, close, close + 2, end);
    }
    const lastColon = text.lastIndexOf(":", end - 1);
    if (lastColon < start) return this.fail("missing port in", text, start, end);
    const firstColon = text.indexOf(":", start);
    if (firstColon === lastColon) {
      addressEnd = lastColon;
      portStart = lastColon + 1;
    } else {
      const doubleDot = text.indexOf("..", start);
      if (doubleDot !== -1 && doubleDot < end) {
        return this.fail(
          "IPv6 address abbreviated by nfdump (print full addresses with -o line6/long6/extended6):",
          text,
          start,
          end,
        );
      }
      // IPv6 with a dot before the port. The dots after the last colon tell the layout:
      // 1 = addr.port, 2 = addr.type.code (ICMP), 4 or 5 = the same after an embedded IPv4.
      let dots = 0;
      let firstDot = -1;
      let fourthDot = -1;
      for (let i = lastColon + 1; i < end; i++) {
        if (text.charCodeAt(i) !== 46) continue;
        dots++;
        if (dots === 1) firstDot = i;
        else if (dots === 4) fourthDot = i;
      }
      let split = -1;
      if (dots === 1 || dots === 2) split = firstDot;
      else if (dots === 4 || dots === 5) split = fourthDot;
      if (split === -1) return this.fail("IPv6 endpoint needs [address]:port or address.port:", text, start, end);
      addressEnd = split;
      portStart = split + 1;
    }
    return this.finish(text, start, addressEnd, portStart, end);
  }

  private finish(text: string, addressStart: number, addressEnd: number, portStart: number, end: number): boolean {
    const address = canonicalAddress(text, addressStart, addressEnd);
    if (address === null) return this.fail("invalid address", text, addressStart, addressEnd);
    const port = parsePortOrIcmp(text, portStart, end);
    if (port < 0) return this.fail("invalid port", text, portStart, end);
    this.address = address;
    this.port = port;
    return true;
  }

  private fail(what: string, text: string, start: number, end: number): boolean {
    this.error = `${what} ${excerpt(text, start, end)}`;
    return false;
  }
}
