/**
 * SiLK `rwcut` default output: `|`-delimited, space-padded columns with a title line
 *
 *        sIP|        dIP|sPort|dPort|pro|   packets|     bytes|   flags|                  sTime| duration|                  eTime|sen|
 *
 * Protocol is a number, flags are the letters FSRPAUEC present (spaces otherwise), times
 * `YYYY/MM/DDTHH:MM:SS.mmm` (UTC, rwcut's default) or epoch seconds. Columns are found by
 * title, so `--fields` selections work as long as the address, port and time columns are there.
 */
import type { FlowFormatId } from "../flow";
import { canonicalAddressBytes } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import { countFields, excerpt, locateFields, parsePort, parseSecondsToMs, parseUint, trimEnd, trimStart } from "./scan";
import { parseTcpFlags } from "./tcp-flags";
import { parseDateTimeOrEpochMs } from "./time";

export const SILK_RWCUT_DEFAULT_TITLES = "sIP|dIP|sPort|dPort|pro|packets|bytes|flags|sTime|duration|eTime|sen|";

interface SilkColumns {
  count: number;
  lastNeeded: number;
  srcAddr: number;
  dstAddr: number;
  srcPort: number;
  dstPort: number;
  protocol: number;
  packets: number;
  bytes: number;
  flags: number;
  start: number;
  duration: number;
  end: number;
}

const TITLE_ALIASES: Record<string, keyof Omit<SilkColumns, "count" | "lastNeeded">> = {
  sip: "srcAddr",
  dip: "dstAddr",
  sport: "srcPort",
  dport: "dstPort",
  pro: "protocol",
  protocol: "protocol",
  packets: "packets",
  pkts: "packets",
  bytes: "bytes",
  flags: "flags",
  stime: "start",
  "stime+msec": "start",
  duration: "duration",
  dur: "duration",
  "dur+msec": "duration",
  etime: "end",
  "etime+msec": "end",
};

/** Title lines hold letters where data lines hold addresses: look for the sIP title. */
function hasTitleMarker(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i + 2 < end; i++) {
    if ((b[i]! | 32) === 115 && (b[i + 1]! | 32) === 105 && (b[i + 2]! | 32) === 112) {
      return isSilkTitleLine(b.toString("utf8", start, end));
    }
  }
  return false;
}

export function isSilkTitleLine(line: string): boolean {
  const titles = line.split("|").map((title) => title.trim().toLowerCase());
  return titles.includes("sip") && titles.includes("dip");
}

function indexColumns(line: string): SilkColumns | string {
  const titles = line.split("|").map((title) => title.trim().toLowerCase());
  if (titles[titles.length - 1] === "") titles.pop(); // rwcut ends every line with a '|'
  const columns: SilkColumns = {
    count: titles.length,
    lastNeeded: 0,
    srcAddr: -1,
    dstAddr: -1,
    srcPort: -1,
    dstPort: -1,
    protocol: -1,
    packets: -1,
    bytes: -1,
    flags: -1,
    start: -1,
    duration: -1,
    end: -1,
  };
  titles.forEach((title, index) => {
    const role = TITLE_ALIASES[title];
    if (role !== undefined && columns[role] === -1) columns[role] = index;
  });
  const missing = (["srcAddr", "dstAddr", "srcPort", "dstPort", "protocol", "start"] as const).filter(
    (role) => columns[role] === -1,
  );
  if (missing.length > 0) return `rwcut titles lack ${missing.join(", ")}`;
  columns.lastNeeded = Math.max(
    columns.srcAddr,
    columns.dstAddr,
    columns.srcPort,
    columns.dstPort,
    columns.protocol,
    columns.packets,
    columns.bytes,
    columns.flags,
    columns.start,
    columns.duration,
    columns.end,
  );
  return columns;
}

export class SilkRwcutParser implements FlowLineParser {
  readonly format: FlowFormatId = "silk-rwcut";
  private columns = indexColumns(SILK_RWCUT_DEFAULT_TITLES) as SilkColumns;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    if (hasTitleMarker(line, lineStart, lineEnd)) {
      const columns = indexColumns(line.toString("utf8", lineStart, lineEnd));
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
    const found = locateFields(line, lineStart, lineEnd, 124, wanted, starts, ends);
    if (found < wanted) return `only ${found} '|'-separated fields, expected ${c.count}`;

    // rwcut pads columns with spaces; addresses must be trimmed before canonicalising.
    const srcAddrStart = trimStart(line, starts[c.srcAddr]!, ends[c.srcAddr]!);
    const srcAddrEnd = trimEnd(line, srcAddrStart, ends[c.srcAddr]!);
    const srcAddr = canonicalAddressBytes(line, srcAddrStart, srcAddrEnd);
    if (srcAddr === null) return `invalid sIP ${excerpt(line, srcAddrStart, srcAddrEnd)}`;
    const dstAddrStart = trimStart(line, starts[c.dstAddr]!, ends[c.dstAddr]!);
    const dstAddrEnd = trimEnd(line, dstAddrStart, ends[c.dstAddr]!);
    const dstAddr = canonicalAddressBytes(line, dstAddrStart, dstAddrEnd);
    if (dstAddr === null) return `invalid dIP ${excerpt(line, dstAddrStart, dstAddrEnd)}`;
    const srcPort = parsePort(line, starts[c.srcPort]!, ends[c.srcPort]!);
    if (srcPort < 0) return `invalid sPort ${excerpt(line, starts[c.srcPort]!, ends[c.srcPort]!)}`;
    const dstPort = parsePort(line, starts[c.dstPort]!, ends[c.dstPort]!);
    if (dstPort < 0) return `invalid dPort ${excerpt(line, starts[c.dstPort]!, ends[c.dstPort]!)}`;
    const protocol = protocolFromBytes(line, starts[c.protocol]!, ends[c.protocol]!);
    if (protocol === null) return `invalid protocol ${excerpt(line, starts[c.protocol]!, ends[c.protocol]!)}`;

    const start = parseDateTimeOrEpochMs(line, starts[c.start]!, ends[c.start]!);
    if (Number.isNaN(start)) return `invalid sTime ${excerpt(line, starts[c.start]!, ends[c.start]!)}`;
    let end = start;
    if (c.end >= 0) {
      end = parseDateTimeOrEpochMs(line, starts[c.end]!, ends[c.end]!);
      if (Number.isNaN(end)) return `invalid eTime ${excerpt(line, starts[c.end]!, ends[c.end]!)}`;
    } else if (c.duration >= 0) {
      const duration = parseSecondsToMs(line, starts[c.duration]!, ends[c.duration]!, true);
      if (Number.isNaN(duration)) return `invalid duration ${excerpt(line, starts[c.duration]!, ends[c.duration]!)}`;
      end = start + duration;
    }

    const packets = c.packets >= 0 ? parseUint(line, starts[c.packets]!, ends[c.packets]!) : 0;
    if (packets < 0) return `invalid packets ${excerpt(line, starts[c.packets]!, ends[c.packets]!)}`;
    const bytes = c.bytes >= 0 ? parseUint(line, starts[c.bytes]!, ends[c.bytes]!) : 0;
    if (bytes < 0) return `invalid bytes ${excerpt(line, starts[c.bytes]!, ends[c.bytes]!)}`;
    const tcpFlags = c.flags >= 0 ? parseTcpFlags(line, starts[c.flags]!, ends[c.flags]!) : 0;
    if (tcpFlags < 0) return `invalid flags ${excerpt(line, starts[c.flags]!, ends[c.flags]!)}`;

    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }

  incompleteReason(line: Buffer, lineStart: number, lineEnd: number): string | null {
    if (hasTitleMarker(line, lineStart, lineEnd)) return null;
    // rwcut ends a line with a separator unless run with --no-final-delimiter.
    const fields = countFields(line, lineStart, lineEnd, 124);
    const columns = line[lineEnd - 1] === 124 ? fields - 1 : fields;
    return columns < this.columns.count ? `only ${columns} of ${this.columns.count} columns` : null;
  }
}
