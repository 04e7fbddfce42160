import type { FlowFormatId, FlowRecord } from "../flow";

/**
 * What one line turned into: a flow, a rejection reason (a string), or null when
 * the line is not a flow by design (header, comment, summary, blank).
 */
export type LineOutcome = FlowRecord | string | null;

/** A stateful parser for one format; it sees every line of the file in order, headers included. */
export interface FlowLineParser {
  readonly format: FlowFormatId;
  parseLine(line: string, lineNumber: number): LineOutcome;
  /**
   * For a last line that had no newline: a reason when it is visibly incomplete although
   * parseLine accepted it (e.g. fewer columns than the header announced), else null.
   */
  incompleteReason?(line: string): string | null;
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
