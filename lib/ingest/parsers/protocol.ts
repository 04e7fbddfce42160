/**
 * Protocol names as the detectors see them: TCP, UDP, ICMP, ICMP6 by name, every other
 * IP protocol as its number, and non-IP names (e.g. Argus "arp") upper-cased.
 */
import { isDigitByte, parseUint, trimEnd, trimStart } from "./scan";

const NAMED_NUMBERS: Record<number, string> = { 1: "ICMP", 6: "TCP", 17: "UDP", 58: "ICMP6" };

// IANA keyword (and the spellings nfdump, Argus, Zeek and SiLK use) → canonical text.
const BY_NAME = new Map<string, string>([
  ["TCP", "TCP"],
  ["UDP", "UDP"],
  ["ICMP", "ICMP"],
  ["ICMP6", "ICMP6"],
  ["ICMPV6", "ICMP6"],
  ["IPV6-ICMP", "ICMP6"],
  ["IPV6ICMP", "ICMP6"],
  ["IGMP", "2"],
  ["GGP", "3"],
  ["IPIP", "4"],
  ["IPV4", "4"],
  ["IPENCAP", "4"],
  ["ST", "5"],
  ["EGP", "8"],
  ["IGP", "9"],
  ["IPV6", "41"],
  ["RSVP", "46"],
  ["GRE", "47"],
  ["ESP", "50"],
  ["AH", "51"],
  ["EIGRP", "88"],
  ["OSPF", "89"],
  ["OSPFIGP", "89"],
  ["PIM", "103"],
  ["VRRP", "112"],
  ["L2TP", "115"],
  ["SCTP", "132"],
]);

export function protocolFromNumber(value: number): string {
  return NAMED_NUMBERS[value] ?? String(value);
}

function isCode(b: Buffer, at: number, first: number, second: number, third: number): boolean {
  return b[at] === first && b[at + 1] === second && b[at + 2] === third;
}

/** Protocol number or name in [start, end) to canonical text; null when empty or a number > 255. */
export function protocolFromBytes(b: Buffer, start: number, end: number): string | null {
  start = trimStart(b, start, end);
  end = trimEnd(b, start, end);
  if (start === end) return null;
  if (end - start === 3) {
    if (isCode(b, start, 84, 67, 80) || isCode(b, start, 116, 99, 112)) return "TCP";
    if (isCode(b, start, 85, 68, 80) || isCode(b, start, 117, 100, 112)) return "UDP";
  }
  if (isDigitByte(b[start]!)) {
    const value = parseUint(b, start, end);
    return value < 0 || value > 255 ? null : protocolFromNumber(value);
  }
  return protocolFromName(b.toString("latin1", start, end));
}

/** A protocol name ("tcp", "ipv6-icmp", "GRE", ...) or number as text to canonical text; null if empty. */
export function protocolFromName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return null;
  if (/^\d+$/.test(trimmed)) {
    const value = Number(trimmed);
    return value > 255 ? null : protocolFromNumber(value);
  }
  const upper = trimmed.toUpperCase();
  return BY_NAME.get(upper) ?? upper;
}
