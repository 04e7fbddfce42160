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
import { protocolFromText } from "./protocol";
import { excerpt, parseUint, WordCursor } from "./scan";
import { parseTcpFlags } from "./tcp-flags";
import { parseDateAt, parseTimeOfDayMs } from "./time";

export class SeedFlowLineParser implements FlowLineParser {
  readonly format: FlowFormatId = "seed-flow-lines";
  private dayStartMs = Number.NaN;
  private readonly word = new WordCursor();
  private readonly endpoint = new EndpointReader();

  parseLine(line: string, lineNumber: number): LineOutcome {
    const word = this.word;
    if (!word.next(line, 0)) return null;

    let start: number;
    if (isDateWord(line, word.start, word.end)) {
      const day = parseDateAt(line, word.start);
      if (Number.isNaN(day)) return `invalid date ${excerpt(line, word.start, word.end)}`;
      this.dayStartMs = day;
      if (!word.next(line, word.end)) return null; // a date line
      start = parseTimeOfDayMs(line, word.start, word.end);
      if (Number.isNaN(start)) return `invalid time ${excerpt(line, word.start, word.end)}`;
      start += day;
    } else if (word.end - word.start > 11 && line.charCodeAt(word.start + 10) === 84) {
      const day = parseDateAt(line, word.start);
      const time = parseTimeOfDayMs(line, word.start + 11, word.end);
      if (Number.isNaN(day) || Number.isNaN(time)) return `invalid timestamp ${excerpt(line, word.start, word.end)}`;
      this.dayStartMs = day;
      start = day + time;
    } else {
      const time = parseTimeOfDayMs(line, word.start, word.end);
      if (Number.isNaN(time)) {
        return isEllipsis(line) ? null : `not a flow line: expected a time, found ${excerpt(line, word.start, word.end)}`;
      }
      if (Number.isNaN(this.dayStartMs)) return "flow line before any date line";
      start = this.dayStartMs + time;
    }

    if (!word.next(line, word.end)) return "missing protocol";
    const protocol = protocolFromText(line, word.start, word.end);
    if (protocol === null) return `invalid protocol ${excerpt(line, word.start, word.end)}`;

    const endpoint = this.endpoint;
    if (!word.next(line, word.end)) return "missing source address";
    if (!endpoint.parse(line, word.start, word.end)) return `source: ${endpoint.error}`;
    const srcAddr = endpoint.address;
    const srcPort = endpoint.port;

    if (!word.next(line, word.end) || !word.is(line, "->")) return "missing '->' between source and destination";

    if (!word.next(line, word.end)) return "missing destination address";
    if (!endpoint.parse(line, word.start, word.end)) return `destination: ${endpoint.error}`;
    const dstAddr = endpoint.address;
    const dstPort = endpoint.port;

    if (!word.next(line, word.end)) return "missing TCP flags";
    const tcpFlags = parseTcpFlags(line, word.start, word.end);
    if (tcpFlags < 0) return `invalid TCP flags ${excerpt(line, word.start, word.end)}`;

    if (!word.next(line, word.end)) return "missing packet count";
    const packets = parseUint(line, word.start, word.end);
    if (packets < 0) return `invalid packet count ${excerpt(line, word.start, word.end)}`;

    if (!word.next(line, word.end)) return "missing byte count";
    const bytes = parseUint(line, word.start, word.end);
    if (bytes < 0) return `invalid byte count ${excerpt(line, word.start, word.end)}`;

    if (word.next(line, word.end)) return `unexpected text after the byte count ${excerpt(line, word.start, line.length)}`;
    return flowRecord(start, start, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }
}

function isDateWord(line: string, start: number, end: number): boolean {
  return end - start === 10 && line.charCodeAt(start + 4) === 45 && line.charCodeAt(start + 7) === 45;
}

/** The ". . ." a notification puts between the head and tail of a log sample. */
function isEllipsis(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 46 && code !== 32 && code !== 9 && code !== 0x2026) return false;
  }
  return true;
}
