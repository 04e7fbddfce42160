/**
 * The flow-line format of the seed (and of the project's own notification log samples):
 *
 *   2010-08-13
 *   21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52
 *
 * A date-only line sets the day of the lines below it. A flow line may also carry the date
 * itself (`2010-08-13T21:11:03Z` or `2010-08-13 21:11:03Z`). Flags are `UAPRSF` with '-'.
 */
import type { FlowFormatId } from "../flow";
import { EndpointReader } from "./address";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromBytes } from "./protocol";
import { excerpt, parseUint, WordCursor } from "./scan";
import { parseTcpFlags } from "./tcp-flags";
import { parseDateAt, parseTimeOfDayMs } from "./time";

function isDateWord(b: Buffer, start: number, end: number): boolean {
  return end - start === 10 && b[start + 4] === 45 && b[start + 7] === 45;
}

/** The ". . ." a notification puts between the head and tail of a log sample. */
function isEllipsis(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = b[i];
    if (byte !== 46 && byte !== 32 && byte !== 9) return false;
  }
  return true;
}

const LEGEND = Buffer.from("Legend:");

/** The legend a log sample ends with: "Legend:" and the "{start_day}{start_time}Z ..." template lines. */
function isLegendLine(b: Buffer, start: number, end: number): boolean {
  return (
    b[start] === 123 /* { */ ||
    (end - start >= LEGEND.length && b.compare(LEGEND, 0, LEGEND.length, start, start + LEGEND.length) === 0)
  );
}

export class SeedFlowLineParser implements FlowLineParser {
  readonly format: FlowFormatId = "seed-flow-lines";
  private dayStartMs = Number.NaN;
  private readonly word = new WordCursor();
  private readonly endpoint = new EndpointReader();

  parseLine(b: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    const word = this.word;
    if (!word.next(b, lineStart, lineEnd)) return null;

    let start: number;
    if (isDateWord(b, word.start, word.end)) {
      const day = parseDateAt(b, word.start);
      if (Number.isNaN(day)) return `invalid date ${excerpt(b, word.start, word.end)}`;
      this.dayStartMs = day;
      if (!word.next(b, word.end, lineEnd)) return null; // a date line
      const time = parseTimeOfDayMs(b, word.start, word.end);
      if (Number.isNaN(time)) return `invalid time ${excerpt(b, word.start, word.end)}`;
      start = day + time;
    } else if (word.end - word.start > 11 && b[word.start + 10] === 84) {
      const day = parseDateAt(b, word.start);
      const time = parseTimeOfDayMs(b, word.start + 11, word.end);
      if (Number.isNaN(day) || Number.isNaN(time)) return `invalid timestamp ${excerpt(b, word.start, word.end)}`;
      this.dayStartMs = day;
      start = day + time;
    } else {
      const time = parseTimeOfDayMs(b, word.start, word.end);
      if (Number.isNaN(time)) {
        if (isEllipsis(b, lineStart, lineEnd) || isLegendLine(b, word.start, lineEnd)) return null;
        return `not a flow line: expected a time, found ${excerpt(b, word.start, word.end)}`;
      }
      if (Number.isNaN(this.dayStartMs)) return "flow line before any date line";
      start = this.dayStartMs + time;
    }

    if (!word.next(b, word.end, lineEnd)) return "missing protocol";
    const protocol = protocolFromBytes(b, word.start, word.end);
    if (protocol === null) return `invalid protocol ${excerpt(b, word.start, word.end)}`;

    const endpoint = this.endpoint;
    if (!word.next(b, word.end, lineEnd)) return "missing source address";
    if (!endpoint.parse(b, word.start, word.end)) return `source: ${endpoint.error}`;
    const srcAddr = endpoint.address;
    const srcPort = endpoint.port;

    if (!word.next(b, word.end, lineEnd) || !word.is(b, "->")) return "missing '->' between source and destination";

    if (!word.next(b, word.end, lineEnd)) return "missing destination address";
    if (!endpoint.parse(b, word.start, word.end)) return `destination: ${endpoint.error}`;
    const dstAddr = endpoint.address;
    const dstPort = endpoint.port;

    if (!word.next(b, word.end, lineEnd)) return "missing TCP flags";
    const tcpFlags = parseTcpFlags(b, word.start, word.end);
    if (tcpFlags < 0) return `invalid TCP flags ${excerpt(b, word.start, word.end)}`;

    if (!word.next(b, word.end, lineEnd)) return "missing packet count";
    const packets = parseUint(b, word.start, word.end);
    if (packets < 0) return `invalid packet count ${excerpt(b, word.start, word.end)}`;

    if (!word.next(b, word.end, lineEnd)) return "missing byte count";
    const bytes = parseUint(b, word.start, word.end);
    if (bytes < 0) return `invalid byte count ${excerpt(b, word.start, word.end)}`;

    if (word.next(b, word.end, lineEnd)) {
      return `unexpected text after the byte count ${excerpt(b, word.start, lineEnd)}`;
    }
    return flowRecord(start, start, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }
}
