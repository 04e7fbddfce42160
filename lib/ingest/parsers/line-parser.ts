import type { FlowFormatId, FlowRecord } from "../flow";

/**
 * What one line turned into: a flow, a rejection reason (a string), or null when
 * the line is not a flow by design (header, comment, summary, blank).
 */
export type LineOutcome = FlowRecord | string | null;

/**
 * A stateful parser for one format; it sees every line of the file in order, headers
 * included. A line is the byte range [start, end) of `bytes`, without its line ending.
 */
export interface FlowLineParser {
  readonly format: FlowFormatId;
  parseLine(bytes: Buffer, start: number, end: number, lineNumber: number): LineOutcome;
  /**
   * For a last line that had no newline: a reason when it is visibly incomplete although
   * parseLine accepted it (e.g. fewer columns than the header announced), else null.
   */
  incompleteReason?(bytes: Buffer, start: number, end: number): string | null;
}

/** Runs a parser on one line of text (for tests and callers holding strings). */
export function parseTextLine(parser: FlowLineParser, line: string, lineNumber = 1): LineOutcome {
  const bytes = Buffer.from(line, "utf8");
  return parser.parseLine(bytes, 0, bytes.length, lineNumber);
}

/** Builds every record through one literal so all formats share one object shape. */
export function flowRecord(
  start: number,
  end: number,
  protocol: string,
  srcAddr: string,
  srcPort: number,
  dstAddr: string,
  dstPort: number,
  tcpFlags: number,
  packets: number,
  bytes: number,
  line: number,
): FlowRecord {
  return { start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, line };
}
