/**
 * Argus `ra -c ,` / CTU-13 binetflow CSV:
 * `StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label`.
 * Times `YYYY/MM/DD HH:MM:SS.ffffff` (UTC); ports decimal or hex (`0x0303`, Argus's ICMP
 * type/code form) or empty; no flags column, so TCP flags come from State (`S_RA`: the
 * letters before '_' are the source's). packets/bytes are TotPkts/TotBytes.
 */
import type { FlowFormatId } from "../flow";
import { canonicalAddressBytes } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import {
  countFields,
  excerpt,
  isDigitByte,
  locateFields,
  parsePort,
  parseSecondsToMs,
  parseUint,
  trimEnd,
  trimStart,
} from "./scan";
import { tcpFlagsFromArgusState } from "./tcp-flags";
import { parseDateTimeOrEpochMs } from "./time";

export const ARGUS_BINETFLOW_HEADER =
  "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label";

interface ArgusColumns {
  count: number;
  lastNeeded: number;
  start: number;
  duration: number;
  protocol: number;
  srcAddr: number;
  srcPort: number;
  dstAddr: number;
  dstPort: number;
  state: number;
  packets: number;
  bytes: number;
}

export function isArgusHeader(line: string): boolean {
  const names = line.split(",").map((name) => name.trim());
  return names.includes("StartTime") && names.includes("SrcAddr") && names.includes("DstAddr");
}

function indexColumns(header: string): ArgusColumns | string {
  const names = header.split(",").map((name) => name.trim());
  const at = (name: string) => names.indexOf(name);
  const columns: ArgusColumns = {
    count: names.length,
    lastNeeded: 0,
    start: at("StartTime"),
    duration: at("Dur"),
    protocol: at("Proto"),
    srcAddr: at("SrcAddr"),
    srcPort: at("Sport"),
    dstAddr: at("DstAddr"),
    dstPort: at("Dport"),
    state: at("State"),
    packets: at("TotPkts"),
    bytes: at("TotBytes"),
  };
  const missing = ["StartTime", "Proto", "SrcAddr", "DstAddr"].filter((name) => at(name) === -1);
  if (missing.length > 0) return `header lacks ${missing.join(", ")}`;
  columns.lastNeeded = Math.max(
    columns.start,
    columns.duration,
    columns.protocol,
    columns.srcAddr,
    columns.srcPort,
    columns.dstAddr,
    columns.dstPort,
    columns.state,
    columns.packets,
    columns.bytes,
  );
  return columns;
}

/** Decimal, `0x` hex, or empty (no port for this protocol: 0); -1 if invalid. */
function parseArgusPort(line: Buffer, start: number, end: number): number {
  start = trimStart(line, start, end);
  end = trimEnd(line, start, end);
  if (start === end) return 0;
  if (end - start > 2 && line[start] === 48 && (line[start + 1]! | 32) === 120) {
    const hex = line.toString("latin1", start + 2, end);
    if (!/^[0-9a-fA-F]{1,4}$/.test(hex)) return -1;
    return Number.parseInt(hex, 16);
  }
  return parsePort(line, start, end);
}

export class ArgusBinetflowParser implements FlowLineParser {
  readonly format: FlowFormatId = "argus-binetflow";
  private columns = indexColumns(ARGUS_BINETFLOW_HEADER) as ArgusColumns;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    if (!isDigitByte(line[lineStart]!)) {
      const text = line.toString("utf8", lineStart, lineEnd);
      if (!isArgusHeader(text)) return `not a flow line ${excerpt(line, lineStart, lineEnd)}`;
      const columns = indexColumns(text);
      if (typeof columns === "string") return columns;
      if (columns.lastNeeded >= this.starts.length) {
        this.starts = new Int32Array(columns.lastNeeded + 1);
        this.ends = new Int32Array(columns.lastNeeded + 1);
      }
      this.columns = columns;
      return null;
    }
    const c = this.columns;
    const starts = this.starts;
    const ends = this.ends;
    const wanted = c.lastNeeded + 1;
    const found = locateFields(line, lineStart, lineEnd, 44, wanted, starts, ends);
    if (found < wanted) return `only ${found} comma-separated fields, expected ${c.count}`;

    const start = parseDateTimeOrEpochMs(line, starts[c.start]!, ends[c.start]!);
    if (Number.isNaN(start)) return `invalid StartTime ${excerpt(line, starts[c.start]!, ends[c.start]!)}`;
    let end = start;
    if (c.duration >= 0) {
      const duration = parseSecondsToMs(line, starts[c.duration]!, ends[c.duration]!, true);
      if (Number.isNaN(duration)) return `invalid Dur ${excerpt(line, starts[c.duration]!, ends[c.duration]!)}`;
      end = start + duration;
    }
    const protocol = protocolFromBytes(line, starts[c.protocol]!, ends[c.protocol]!);
    if (protocol === null) return `invalid Proto ${excerpt(line, starts[c.protocol]!, ends[c.protocol]!)}`;
    const srcAddr = canonicalAddressBytes(line, starts[c.srcAddr]!, ends[c.srcAddr]!);
    if (srcAddr === null) return `invalid SrcAddr ${excerpt(line, starts[c.srcAddr]!, ends[c.srcAddr]!)}`;
    const dstAddr = canonicalAddressBytes(line, starts[c.dstAddr]!, ends[c.dstAddr]!);
    if (dstAddr === null) return `invalid DstAddr ${excerpt(line, starts[c.dstAddr]!, ends[c.dstAddr]!)}`;
    const srcPort = c.srcPort >= 0 ? parseArgusPort(line, starts[c.srcPort]!, ends[c.srcPort]!) : 0;
    if (srcPort < 0) return `invalid Sport ${excerpt(line, starts[c.srcPort]!, ends[c.srcPort]!)}`;
    const dstPort = c.dstPort >= 0 ? parseArgusPort(line, starts[c.dstPort]!, ends[c.dstPort]!) : 0;
    if (dstPort < 0) return `invalid Dport ${excerpt(line, starts[c.dstPort]!, ends[c.dstPort]!)}`;
    const packets = c.packets >= 0 ? parseUint(line, starts[c.packets]!, ends[c.packets]!) : 0;
    if (packets < 0) return `invalid TotPkts ${excerpt(line, starts[c.packets]!, ends[c.packets]!)}`;
    const bytes = c.bytes >= 0 ? parseUint(line, starts[c.bytes]!, ends[c.bytes]!) : 0;
    if (bytes < 0) return `invalid TotBytes ${excerpt(line, starts[c.bytes]!, ends[c.bytes]!)}`;
    const tcpFlags =
      protocol === "TCP" && c.state >= 0 ? tcpFlagsFromArgusState(line, starts[c.state]!, ends[c.state]!) : 0;

    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }

  incompleteReason(line: Buffer, lineStart: number, lineEnd: number): string | null {
    if (!isDigitByte(line[lineStart]!)) return null;
    const fields = countFields(line, lineStart, lineEnd, 44);
    return fields < this.columns.count ? `only ${fields} of ${this.columns.count} columns` : null;
  }
}
