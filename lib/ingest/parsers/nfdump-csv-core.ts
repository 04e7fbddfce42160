/**
 * The three nfdump CSV layouts share one parser: columns are found by header name, so a
 * layout only names its columns. Lines before any header use the layout's default header.
 * nfdump ends CSV output with a `Summary` block unless run with -q; it is skipped.
 */
import type { FlowFormatId } from "../flow";
import { canonicalAddressBytes, parsePortOrIcmp } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import { countFields, excerpt, locateFields, parseSecondsToMs, parseUint } from "./scan";
import { parseTcpFlags } from "./tcp-flags";
import { parseDateTimeOrEpochMs } from "./time";

export interface NfdumpCsvLayout {
  format: FlowFormatId;
  defaultHeader: string;
  columns: {
    start: string;
    end?: string;
    duration?: string;
    protocol: string;
    srcAddr: string;
    srcPort: string;
    dstAddr: string;
    dstPort: string;
    tcpFlags?: string;
    packets: readonly string[];
    bytes: readonly string[];
  };
}

interface ColumnIndexes {
  fieldCount: number;
  lastNeeded: number;
  start: number;
  end: number;
  duration: number;
  protocol: number;
  srcAddr: number;
  srcPort: number;
  dstAddr: number;
  dstPort: number;
  tcpFlags: number;
  packets: number;
  bytes: number;
}

function indexColumns(layout: NfdumpCsvLayout, header: string): ColumnIndexes | string {
  const names = header.split(",").map((name) => name.trim());
  const find = (name: string | undefined) => (name === undefined ? -1 : names.indexOf(name));
  const findAny = (candidates: readonly string[]) => {
    for (const name of candidates) {
      const at = names.indexOf(name);
      if (at !== -1) return at;
    }
    return -1;
  };
  const { columns } = layout;
  const indexes: ColumnIndexes = {
    fieldCount: names.length,
    lastNeeded: 0,
    start: find(columns.start),
    end: find(columns.end),
    duration: find(columns.duration),
    protocol: find(columns.protocol),
    srcAddr: find(columns.srcAddr),
    srcPort: find(columns.srcPort),
    dstAddr: find(columns.dstAddr),
    dstPort: find(columns.dstPort),
    tcpFlags: find(columns.tcpFlags),
    packets: findAny(columns.packets),
    bytes: findAny(columns.bytes),
  };
  const required: [string, number][] = [
    [columns.start, indexes.start],
    [columns.protocol, indexes.protocol],
    [columns.srcAddr, indexes.srcAddr],
    [columns.srcPort, indexes.srcPort],
    [columns.dstAddr, indexes.dstAddr],
    [columns.dstPort, indexes.dstPort],
    [columns.packets.join("/"), indexes.packets],
    [columns.bytes.join("/"), indexes.bytes],
  ];
  const missing = required.filter(([, at]) => at === -1).map(([name]) => name);
  if (missing.length > 0) return `CSV header lacks column(s) ${missing.join(", ")}`;
  indexes.lastNeeded = Math.max(
    indexes.start,
    indexes.end,
    indexes.duration,
    indexes.protocol,
    indexes.srcAddr,
    indexes.srcPort,
    indexes.dstAddr,
    indexes.dstPort,
    indexes.tcpFlags,
    indexes.packets,
    indexes.bytes,
  );
  return indexes;
}

function isLetter(code: number | undefined): boolean {
  if (code === undefined) return false;
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export class NfdumpCsvParser implements FlowLineParser {
  readonly format: FlowFormatId;
  private columns: ColumnIndexes;
  private inSummary = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  constructor(private readonly layout: NfdumpCsvLayout) {
    this.format = layout.format;
    const columns = indexColumns(layout, layout.defaultHeader);
    if (typeof columns === "string") throw new Error(`${layout.format}: ${columns}`);
    this.columns = columns;
  }

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    if (isLetter(line[lineStart])) return this.parseNonDataLine(line.toString("utf8", lineStart, lineEnd));
    if (this.inSummary) return null;

    const c = this.columns;
    const starts = this.starts;
    const ends = this.ends;
    const wanted = c.lastNeeded + 1;
    const found = locateFields(line, lineStart, lineEnd, 44, wanted, starts, ends);
    if (found < wanted) return `only ${found} comma-separated fields, expected ${c.fieldCount}`;

    const start = parseDateTimeOrEpochMs(line, starts[c.start]!, ends[c.start]!);
    if (Number.isNaN(start)) return `invalid start time ${excerpt(line, starts[c.start]!, ends[c.start]!)}`;
    let end = start;
    if (c.end >= 0) {
      end = parseDateTimeOrEpochMs(line, starts[c.end]!, ends[c.end]!);
      if (Number.isNaN(end)) return `invalid end time ${excerpt(line, starts[c.end]!, ends[c.end]!)}`;
    } else if (c.duration >= 0) {
      const duration = parseSecondsToMs(line, starts[c.duration]!, ends[c.duration]!, true);
      if (Number.isNaN(duration)) return `invalid duration ${excerpt(line, starts[c.duration]!, ends[c.duration]!)}`;
      end = start + duration;
    }

    const protocol = protocolFromBytes(line, starts[c.protocol]!, ends[c.protocol]!);
    if (protocol === null) return `invalid protocol ${excerpt(line, starts[c.protocol]!, ends[c.protocol]!)}`;
    const srcAddr = canonicalAddressBytes(line, starts[c.srcAddr]!, ends[c.srcAddr]!);
    if (srcAddr === null) return `invalid source address ${excerpt(line, starts[c.srcAddr]!, ends[c.srcAddr]!)}`;
    const dstAddr = canonicalAddressBytes(line, starts[c.dstAddr]!, ends[c.dstAddr]!);
    if (dstAddr === null) return `invalid destination address ${excerpt(line, starts[c.dstAddr]!, ends[c.dstAddr]!)}`;
    const srcPort = parsePortOrIcmp(line, starts[c.srcPort]!, ends[c.srcPort]!);
    if (srcPort < 0) return `invalid source port ${excerpt(line, starts[c.srcPort]!, ends[c.srcPort]!)}`;
    const dstPort = parsePortOrIcmp(line, starts[c.dstPort]!, ends[c.dstPort]!);
    if (dstPort < 0) return `invalid destination port ${excerpt(line, starts[c.dstPort]!, ends[c.dstPort]!)}`;

    let tcpFlags = 0;
    if (c.tcpFlags >= 0) {
      tcpFlags = parseTcpFlags(line, starts[c.tcpFlags]!, ends[c.tcpFlags]!);
      if (tcpFlags < 0) return `invalid TCP flags ${excerpt(line, starts[c.tcpFlags]!, ends[c.tcpFlags]!)}`;
    }
    const packets = parseUint(line, starts[c.packets]!, ends[c.packets]!);
    if (packets < 0) return `invalid packet count ${excerpt(line, starts[c.packets]!, ends[c.packets]!)}`;
    const bytes = parseUint(line, starts[c.bytes]!, ends[c.bytes]!);
    if (bytes < 0) return `invalid byte count ${excerpt(line, starts[c.bytes]!, ends[c.bytes]!)}`;

    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }

  incompleteReason(line: Buffer, lineStart: number, lineEnd: number): string | null {
    if (isLetter(line[lineStart]) || this.inSummary) return null;
    const fields = countFields(line, lineStart, lineEnd, 44);
    return fields < this.columns.fieldCount ? `only ${fields} of ${this.columns.fieldCount} columns` : null;
  }

  private parseNonDataLine(line: string): LineOutcome {
    const trimmed = line.trim();
    if (trimmed === "Summary") {
      this.inSummary = true;
      return null;
    }
    if (trimmed.startsWith("No matching flows")) return null;
    const srcAddrColumn = this.layout.columns.srcAddr;
    if (line.includes(",") && line.split(",").some((name) => name.trim() === srcAddrColumn)) {
      const columns = indexColumns(this.layout, line);
      if (typeof columns === "string") return columns;
      if (columns.lastNeeded >= this.starts.length) {
        this.starts = new Int32Array(columns.lastNeeded + 1);
        this.ends = new Int32Array(columns.lastNeeded + 1);
      }
      this.columns = columns;
      this.inSummary = false;
      return null;
    }
    if (this.inSummary) return null;
    return `not a flow line ${JSON.stringify(line.slice(0, 60))}`;
  }
}
