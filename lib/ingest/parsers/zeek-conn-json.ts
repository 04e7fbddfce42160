/**
 * Zeek conn.log as JSON lines (LogAscii::use_json=T): the TSV's keys, one object per line.
 * ts is epoch seconds, or an ISO 8601 string when Zeek runs with JSON::TS_ISO8601.
 * Unset fields are simply absent.
 */
import type { FlowFormatId } from "../flow";
import { canonicalAddress } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromName } from "./protocol";
import { parseSecondsToMs } from "./scan";
import { tcpFlagsFromZeekHistory } from "./tcp-flags";
import { parseDateTimeMs } from "./time";

/** Numbers go through their decimal text so 0.1-style fractions give exact milliseconds. */
function secondsToMs(value: unknown, roundHalfUp: boolean): number {
  if (typeof value !== "number" && typeof value !== "string") return Number.NaN;
  if (typeof value === "number" && (!Number.isFinite(value) || value < 0)) return Number.NaN;
  const text = String(value);
  if (text.includes("e")) return typeof value === "number" ? Math.round(value * 1000) : Number.NaN;
  const digits = Buffer.from(text, "latin1");
  return parseSecondsToMs(digits, 0, digits.length, roundHalfUp);
}

function timestampToMs(value: unknown): number {
  if (typeof value === "string" && value.length >= 19 && value.charCodeAt(4) === 45) {
    const withoutOffset = Buffer.from(value.endsWith("Z") ? value : value.replace(/[+-]00:?00$/, "Z"), "latin1");
    return parseDateTimeMs(withoutOffset, 0, withoutOffset.length);
  }
  return secondsToMs(value, false);
}

function port(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535 ? value : -1;
}

function count(value: unknown): number {
  if (value === undefined || value === null) return 0;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : -1;
}

function show(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 60) ?? "undefined";
}

export class ZeekConnJsonParser implements FlowLineParser {
  readonly format: FlowFormatId = "zeek-conn-json";

  parseLine(raw: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    const line = raw.toString("utf8", lineStart, lineEnd);
    const first = line.trimStart().charCodeAt(0);
    if (first !== 123) return first === 35 ? null : "not a JSON object";
    let entry: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "not a JSON object";
      entry = parsed as Record<string, unknown>;
    } catch (error) {
      return `invalid JSON: ${(error as Error).message}`;
    }

    const start = timestampToMs(entry.ts);
    if (Number.isNaN(start)) return `invalid ts ${show(entry.ts)}`;
    let end = start;
    if (entry.duration !== undefined && entry.duration !== null) {
      const duration = secondsToMs(entry.duration, true);
      if (Number.isNaN(duration)) return `invalid duration ${show(entry.duration)}`;
      end = start + duration;
    }
    const origHost = entry["id.orig_h"];
    const respHost = entry["id.resp_h"];
    const srcAddr = typeof origHost === "string" ? canonicalAddress(origHost) : null;
    if (srcAddr === null) return `invalid id.orig_h ${show(origHost)}`;
    const dstAddr = typeof respHost === "string" ? canonicalAddress(respHost) : null;
    if (dstAddr === null) return `invalid id.resp_h ${show(respHost)}`;
    const srcPort = port(entry["id.orig_p"]);
    if (srcPort < 0) return `invalid id.orig_p ${show(entry["id.orig_p"])}`;
    const dstPort = port(entry["id.resp_p"]);
    if (dstPort < 0) return `invalid id.resp_p ${show(entry["id.resp_p"])}`;
    let protocol = typeof entry.proto === "string" ? protocolFromName(entry.proto) : null;
    if (protocol === null) return `invalid proto ${show(entry.proto)}`;
    if (protocol === "ICMP" && srcAddr.includes(":")) protocol = "ICMP6";

    const packets = count(entry.orig_pkts);
    if (packets < 0) return `invalid orig_pkts ${show(entry.orig_pkts)}`;
    const bytes = count(entry.orig_ip_bytes);
    if (bytes < 0) return `invalid orig_ip_bytes ${show(entry.orig_ip_bytes)}`;
    const history = typeof entry.history === "string" ? Buffer.from(entry.history, "latin1") : null;
    const tcpFlags = protocol === "TCP" && history !== null ? tcpFlagsFromZeekHistory(history, 0, history.length) : 0;

    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }
}
