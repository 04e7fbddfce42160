/**
 * The one normalised flow record every parser produces and every detector reads.
 * Times are epoch milliseconds (UTC); addresses are canonical text
 * (IPv4 dotted quad, IPv6 lower-case RFC 5952 compressed form).
 */
export interface FlowRecord {
  start: number;
  end: number;
  /** IANA protocol name in upper case: "TCP", "UDP", "ICMP", ... or the number as text when unknown. */
  protocol: string;
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
  /** Bitmask of TcpFlag values; 0 for non-TCP flows or when the source does not report flags. */
  tcpFlags: number;
  packets: number;
  bytes: number;
  /** 1-based line number in the source file, for evidence and error reports. */
  line: number;
  /** The file the flow came from, when it was carried over from an earlier file of the stream. */
  origin?: string;
}

/** TCP header bit positions (RFC 9293 order). */
export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

export type FlowFormatId =
  | "seed-flow-lines"
  | "nfdump-csv-legacy"
  | "nfdump-csv"
  | "nfdump-csv-fast"
  | "nfdump-text"
  | "nfdump-pipe"
  | "zeek-conn-tsv"
  | "zeek-conn-json"
  | "silk-rwcut"
  | "argus-binetflow"
  /** A binary nfcapd file, read through nfdump (see parsers/nfcapd.ts). */
  | "nfcapd";

export interface RejectedLine {
  line: number;
  reason: string;
}

export interface ParseStats {
  format: FlowFormatId;
  bytes: number;
  lines: number;
  flows: number;
  /** Lines that were not flows by design (headers, comments, summaries, blank lines). */
  skipped: number;
  rejected: number;
  /** The first 100 rejected lines, with the reason. */
  rejectedSamples: RejectedLine[];
  /** nfcapd only: flows the file held, before nfdump's filter passed `lines` of them. */
  sourceFlows?: number;
}

export const MAX_REJECTED_SAMPLES = 100;
