import { formatIpv4, parseIpv4 } from "./ipv4";

/** An IPv6 address as four unsigned 32-bit words, most significant first. */
export type Ipv6Words = [number, number, number, number];

const MAX_TEXT_LENGTH = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".length;
const COLON = 58;
const DOT = 46;

// Reused across calls: parsing is synchronous and this keeps the hot path allocation-light.
const groups = new Uint16Array(8);

/**
 * Parses RFC 4291 text (with "::" compression and an optional dotted-quad tail) in one
 * pass. Zone identifiers ("fe80::1%eth0") and brackets are rejected. Returns null when invalid.
 */
export function parseIpv6(text: string): Ipv6Words | null {
  const length = text.length;
  if (length < 2 || length > MAX_TEXT_LENGTH) return null;
  let count = 0;
  let gapAt = -1;
  let i = 0;
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return null;
    gapAt = 0;
    i = 2;
  }
  while (i < length) {
    const pieceStart = i;
    let value = 0;
    let digits = 0;
    for (; i < length; i++) {
      const digit = hexDigit(text.charCodeAt(i));
      if (digit === -1) break;
      if (++digits > 4) return null;
      value = value * 16 + digit;
    }
    if (i < length && text.charCodeAt(i) === DOT) {
      const v4 = count <= 6 ? parseIpv4(text.slice(pieceStart)) : -1;
      if (v4 === -1) return null;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (digits === 0 || count === 8) return null;
    groups[count++] = value;
    if (i === length) break;
    if (text.charCodeAt(i) !== COLON) return null;
    i++;
    if (i === length) return null;
    if (text.charCodeAt(i) === COLON) {
      if (gapAt !== -1) return null;
      gapAt = count;
      i++;
    }
  }

  if (gapAt === -1) {
    if (count !== 8) return null;
  } else {
    if (count > 7) return null;
    const shift = 8 - count;
    for (let g = count - 1; g >= gapAt; g--) groups[g + shift] = groups[g]!;
    groups.fill(0, gapAt, gapAt + shift);
  }
  return [
    groups[0]! * 0x10000 + groups[1]!,
    groups[2]! * 0x10000 + groups[3]!,
    groups[4]! * 0x10000 + groups[5]!,
    groups[6]! * 0x10000 + groups[7]!,
  ];
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

export function isIpv4Mapped(words: Readonly<Ipv6Words>): boolean {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
export function formatIpv6(words: Readonly<Ipv6Words>): string {
  if (isIpv4Mapped(words)) return `::ffff:${formatIpv4(words[3])}`;

  const groups = new Array<number>(8);
  for (let i = 0; i < 4; i++) {
    groups[2 * i] = words[i]! >>> 16;
    groups[2 * i + 1] = words[i]! & 0xffff;
  }

  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }

  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((group) => group.toString(16))
      .join(":");
  if (bestStart === -1) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}
