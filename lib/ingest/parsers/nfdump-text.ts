/**
 * nfdump text output: `-o line`, `-o long`, `-o extended` (and their `6` variants).
 *
 *   Date first seen         Duration     Proto  Src IP Addr:Port  ->  Dst IP Addr:Port  [Flags Tos] Packets Bytes [pps bps Bpp] Flows
 *   2027-01-09 02:13:42.475 00:05:16.310 TCP    192.84.5.20:35758 ->  203.0.113.10:22   ...AP.SF   0  8     2720  1
 *
 * Read word by word rather than by column position: the duration may be `1d 02:00:00.000`,
 * counts may be scaled (`1.2 M`), IPv6 endpoints are `addr.port`. Without the `6` variants
 * nfdump abbreviates long IPv6 addresses (`2001:db..0:1::99`); those lines are rejected
 * because the address cannot be recovered.
 */
import type { FlowFormatId } from "../flow";
import { EndpointReader } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import { bytesStartWith, excerpt, findByte, parseSecondsToMs, parseUint, WordCursor } from "./scan";
import { parseTcpFlags } from "./tcp-flags";
import { parseDateAt, parseTimeOfDayMs } from "./time";

/** Lines nfdump prints around the flows: headers, summary and statistics. */
const NON_FLOW_PREFIXES = [
  "Date first seen",
  "Date flow start",
  "Date last seen",
  "Summary:",
  "Time window:",
  "Total flows processed:",
  "Sys:",
  "Aggregated flows",
  "No matching flows",
];

const UNIT_SCALE: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

export class NfdumpTextParser implements FlowLineParser {
  readonly format: FlowFormatId = "nfdump-text";
  private readonly word = new WordCursor();
  private readonly endpoint = new EndpointReader();
  /** Position after the last count read by readCount(). */
  private countEnd = 0;

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    const word = this.word;
    if (!word.next(line, lineStart, lineEnd)) return null;
    const first = line[word.start]!;
    if (first < 48 || first > 57) {
      for (const prefix of NON_FLOW_PREFIXES) if (bytesStartWith(line, word.start, lineEnd, prefix)) return null;
      return `not a flow line ${excerpt(line, word.start, lineEnd)}`;
    }

    if (word.end - word.start !== 10) return `invalid date ${excerpt(line, word.start, word.end)}`;
    const day = parseDateAt(line, word.start);
    if (Number.isNaN(day)) return `invalid date ${excerpt(line, word.start, word.end)}`;
    if (!word.next(line, word.end, lineEnd)) return "missing time";
    const time = parseTimeOfDayMs(line, word.start, word.end);
    if (Number.isNaN(time)) return `invalid time ${excerpt(line, word.start, word.end)}`;
    const start = day + time;

    if (!word.next(line, word.end, lineEnd)) return "missing duration";
    let duration = 0;
    if (line[word.end - 1] === 100) {
      // "1d 02:00:00.000"
      const days = parseUint(line, word.start, word.end - 1);
      if (days < 0) return `invalid duration ${excerpt(line, word.start, word.end)}`;
      duration = days * 86_400_000;
      if (!word.next(line, word.end, lineEnd)) return "missing duration";
    }
    const clockPart =
      findByte(line, 58, word.start, word.end) !== -1
        ? parseTimeOfDayMs(line, word.start, word.end)
        : parseSecondsToMs(line, word.start, word.end, true);
    if (Number.isNaN(clockPart)) return `invalid duration ${excerpt(line, word.start, word.end)}`;
    duration += clockPart;

    if (!word.next(line, word.end, lineEnd)) return "missing protocol";
    const protocol = protocolFromBytes(line, word.start, word.end);
    if (protocol === null) return `invalid protocol ${excerpt(line, word.start, word.end)}`;

    const endpoint = this.endpoint;
    if (!word.next(line, word.end, lineEnd)) return "missing source address";
    if (!endpoint.parse(line, word.start, word.end)) return `source: ${endpoint.error}`;
    const srcAddr = endpoint.address;
    const srcPort = endpoint.port;

    if (!word.next(line, word.end, lineEnd)) return "missing '->'";
    if (!word.is(line, "->")) {
      return word.is(line, "<->")
        ? "bidirectional output (-o biline/bilong) is not supported"
        : `expected '->' after the source, found ${excerpt(line, word.start, word.end)}`;
    }

    if (!word.next(line, word.end, lineEnd)) return "missing destination address";
    if (!endpoint.parse(line, word.start, word.end)) return `destination: ${endpoint.error}`;
    const dstAddr = endpoint.address;
    const dstPort = endpoint.port;

    if (!word.next(line, word.end, lineEnd)) return "missing packet count";
    let tcpFlags = parseTcpFlags(line, word.start, word.end);
    if (tcpFlags >= 0) {
      // long/extended: Flags, then Tos, then the counts
      if (!word.next(line, word.end, lineEnd) || parseUint(line, word.start, word.end) < 0)
        return "missing or invalid Tos";
      if (!word.next(line, word.end, lineEnd)) return "missing packet count";
    } else {
      tcpFlags = 0;
    }

    const packets = this.readCount(line, lineEnd);
    if (packets < 0) return `invalid packet count ${excerpt(line, word.start, word.end)}`;
    if (!word.next(line, this.countEnd, lineEnd)) return "missing byte count";
    const bytes = this.readCount(line, lineEnd);
    if (bytes < 0) return `invalid byte count ${excerpt(line, word.start, word.end)}`;

    return flowRecord(
      start,
      start + duration,
      protocol,
      srcAddr,
      srcPort,
      dstAddr,
      dstPort,
      tcpFlags,
      packets,
      bytes,
      lineNumber,
    );
  }

  /** The count at the current word, with an optional unit word after it ("1.2 M"); -1 if invalid. */
  private readCount(line: Buffer, lineEnd: number): number {
    const word = this.word;
    const numberStart = word.start;
    const numberEnd = word.end;
    this.countEnd = numberEnd;
    const plain = parseUint(line, numberStart, numberEnd);
    const saveStart = word.start;
    const saveEnd = word.end;
    if (word.next(line, numberEnd, lineEnd) && word.end - word.start === 1) {
      const scale = UNIT_SCALE[String.fromCharCode(line[word.start]!)];
      if (scale !== undefined) {
        const value = Number(line.toString("latin1", numberStart, numberEnd));
        if (!Number.isFinite(value) || value < 0) return -1;
        this.countEnd = word.end;
        return Math.round(value * scale);
      }
    }
    word.start = saveStart;
    word.end = saveEnd;
    return plain;
  }
}
