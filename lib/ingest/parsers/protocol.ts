/**
 * Protocol names as the detectors see them: TCP, UDP, ICMP, ICMP6 by name, every other
 * IP protocol as its number, and non-IP names (e.g. Argus "arp") upper-cased.
 */
import { parseUint, trimEnd, trimStart } from "./scan";

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

function isCode(text: string, at: number, a: number, b: number, c: number): boolean {
  return text.charCodeAt(at) === a && text.charCodeAt(at + 1) === b && text.charCodeAt(at + 2) === c;
}

/** Protocol number or name in [start, end) to canonical text; null when empty or > 255. */
export function protocolFromText(text: string, start: number, end: number): string | null {
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  if (start === end) return null;
  if (end - start === 3) {
    if (isCode(text, start, 84, 67, 80) || isCode(text, start, 116, 99, 112)) return "TCP";
    if (isCode(text, start, 85, 68, 80) || isCode(text, start, 117, 100, 112)) return "UDP";
  }
  const first = text.charCodeAt(start);
  if (first >= 48 && first <= 57) {
    const value = parseUint(text, start, end);
    return value < 0 || value > 255 ? null : protocolFromNumber(value);
  }
  const name = text.slice(start, end).toUpperCase();
  return BY_NAME.get(name) ?? name;
}
