/**
 * Zeek conn.log in its default TSV form: `#separator \x09`, `#fields ...`, `#types ...`,
 * unset fields `-`. ts is epoch seconds; end = ts + duration; packets/bytes are the
 * originator's (orig_pkts, orig_ip_bytes); TCP flags come from the originator's
 * `history` letters.
 */
import type { FlowFormatId } from "../flow";
import { canonicalAddressBytes } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import { bytesAre, countFields, excerpt, locateFields, parsePort, parseSecondsToMs, parseUint } from "./scan";
import { tcpFlagsFromZeekHistory } from "./tcp-flags";

export const ZEEK_CONN_DEFAULT_FIELDS = [
  "ts",
  "uid",
  "id.orig_h",
  "id.orig_p",
  "id.resp_h",
  "id.resp_p",
  "proto",
  "service",
  "duration",
  "orig_bytes",
  "resp_bytes",
  "conn_state",
  "local_orig",
  "local_resp",
  "missed_bytes",
  "history",
  "orig_pkts",
  "orig_ip_bytes",
  "resp_pkts",
  "resp_ip_bytes",
  "tunnel_parents",
];

interface ZeekColumns {
  count: number;
  lastNeeded: number;
  ts: number;
  origHost: number;
  origPort: number;
  respHost: number;
  respPort: number;
  proto: number;
  duration: number;
  history: number;
  origPackets: number;
  origIpBytes: number;
}

function indexColumns(fields: string[]): ZeekColumns | string {
  const at = (name: string) => fields.indexOf(name);
  const columns: ZeekColumns = {
    count: fields.length,
    lastNeeded: 0,
    ts: at("ts"),
    origHost: at("id.orig_h"),
    origPort: at("id.orig_p"),
    respHost: at("id.resp_h"),
    respPort: at("id.resp_p"),
    proto: at("proto"),
    duration: at("duration"),
    history: at("history"),
    origPackets: at("orig_pkts"),
    origIpBytes: at("orig_ip_bytes"),
  };
  const required = ["ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto"];
  const missing = required.filter((name) => at(name) === -1);
  if (missing.length > 0) return `#fields lacks ${missing.join(", ")} (not a conn.log?)`;
  columns.lastNeeded = Math.max(
    columns.ts,
    columns.origHost,
    columns.origPort,
    columns.respHost,
    columns.respPort,
    columns.proto,
    columns.duration,
    columns.history,
    columns.origPackets,
    columns.origIpBytes,
  );
  return columns;
}

/** Zeek writes the separator escaped, e.g. `#separator \x09`. */
function unescapeZeek(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export class ZeekConnTsvParser implements FlowLineParser {
  readonly format: FlowFormatId = "zeek-conn-tsv";
  private separator = 9;
  private unset = "-";
  private columns = indexColumns(ZEEK_CONN_DEFAULT_FIELDS) as ZeekColumns;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    if (line[lineStart] === 35) return this.parseDirective(line.toString("utf8", lineStart, lineEnd));
    const c = this.columns;
    const starts = this.starts;
    const ends = this.ends;
    const wanted = c.lastNeeded + 1;
    const found = locateFields(line, lineStart, lineEnd, this.separator, wanted, starts, ends);
    if (found < wanted) return `only ${found} fields, expected ${c.count}`;

    const start = parseSecondsToMs(line, starts[c.ts]!, ends[c.ts]!, false);
    if (Number.isNaN(start)) return `invalid ts ${excerpt(line, starts[c.ts]!, ends[c.ts]!)}`;
    let end = start;
    if (c.duration >= 0 && !this.isUnset(line, c.duration)) {
      const duration = parseSecondsToMs(line, starts[c.duration]!, ends[c.duration]!, true);
      if (Number.isNaN(duration)) return `invalid duration ${excerpt(line, starts[c.duration]!, ends[c.duration]!)}`;
      end = start + duration;
    }
    const srcAddr = canonicalAddressBytes(line, starts[c.origHost]!, ends[c.origHost]!);
    if (srcAddr === null) return `invalid id.orig_h ${excerpt(line, starts[c.origHost]!, ends[c.origHost]!)}`;
    const dstAddr = canonicalAddressBytes(line, starts[c.respHost]!, ends[c.respHost]!);
    if (dstAddr === null) return `invalid id.resp_h ${excerpt(line, starts[c.respHost]!, ends[c.respHost]!)}`;
    const srcPort = parsePort(line, starts[c.origPort]!, ends[c.origPort]!);
    if (srcPort < 0) return `invalid id.orig_p ${excerpt(line, starts[c.origPort]!, ends[c.origPort]!)}`;
    const dstPort = parsePort(line, starts[c.respPort]!, ends[c.respPort]!);
    if (dstPort < 0) return `invalid id.resp_p ${excerpt(line, starts[c.respPort]!, ends[c.respPort]!)}`;
    let protocol = protocolFromBytes(line, starts[c.proto]!, ends[c.proto]!);
    if (protocol === null) return `invalid proto ${excerpt(line, starts[c.proto]!, ends[c.proto]!)}`;
    if (protocol === "ICMP" && srcAddr.includes(":")) protocol = "ICMP6"; // Zeek says "icmp" for both

    const packets = this.count(line, c.origPackets);
    if (packets < 0) return `invalid orig_pkts ${excerpt(line, starts[c.origPackets]!, ends[c.origPackets]!)}`;
    const bytes = this.count(line, c.origIpBytes);
    if (bytes < 0) return `invalid orig_ip_bytes ${excerpt(line, starts[c.origIpBytes]!, ends[c.origIpBytes]!)}`;
    const tcpFlags =
      protocol === "TCP" && c.history >= 0 && !this.isUnset(line, c.history)
        ? tcpFlagsFromZeekHistory(line, starts[c.history]!, ends[c.history]!)
        : 0;

    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }

  incompleteReason(line: Buffer, lineStart: number, lineEnd: number): string | null {
    if (line[lineStart] === 35) return null;
    const fields = countFields(line, lineStart, lineEnd, this.separator);
    return fields < this.columns.count ? `only ${fields} of ${this.columns.count} fields` : null;
  }

  private isUnset(line: Buffer, column: number): boolean {
    return bytesAre(line, this.starts[column]!, this.ends[column]!, this.unset);
  }

  /** A count column: absent or unset means 0. */
  private count(line: Buffer, column: number): number {
    if (column < 0 || this.isUnset(line, column)) return 0;
    return parseUint(line, this.starts[column]!, this.ends[column]!);
  }

  private parseDirective(line: string): LineOutcome {
    if (line.startsWith("#separator")) {
      const value = unescapeZeek(line.slice("#separator".length).trim());
      if (value.length !== 1) return `unsupported #separator ${JSON.stringify(value)}`;
      this.separator = value.charCodeAt(0);
      return null;
    }
    const separator = String.fromCharCode(this.separator);
    const split = line.indexOf(separator);
    const name = split === -1 ? line : line.slice(0, split);
    const values = split === -1 ? [] : line.slice(split + 1).split(separator);
    if (name === "#unset_field" && values[0] !== undefined) this.unset = values[0];
    if (name === "#fields") {
      const columns = indexColumns(values);
      if (typeof columns === "string") return columns;
      if (columns.lastNeeded >= this.starts.length) {
        this.starts = new Int32Array(columns.lastNeeded + 1);
        this.ends = new Int32Array(columns.lastNeeded + 1);
      }
      this.columns = columns;
    }
    return null;
  }
}
