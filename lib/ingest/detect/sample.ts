import { TcpFlag, type FlowRecord } from "../flow";
import { isoSecondsUtc, utcDay, utcTimeOfDay } from "./utc-time";

const FLAG_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [TcpFlag.URG, "U"],
  [TcpFlag.ACK, "A"],
  [TcpFlag.PSH, "P"],
  [TcpFlag.RST, "R"],
  [TcpFlag.SYN, "S"],
  [TcpFlag.FIN, "F"],
];

export const LOG_SAMPLE_SEPARATOR = ". . .";
export const LOG_SAMPLE_LEGEND =
  "{start_day}{start_time}Z {protocol} {srcaddress}:{srcport} -> {dstaddress}:{dstport} {str_tcp_flags} {dpackets} {doctets}";

/** Six characters UAPRSF, `unset` where a flag is clear: "----S-" for a bare SYN. */
export function formatTcpFlags(flags: number, unset = "-"): string {
  let text = "";
  for (const [bit, letter] of FLAG_LETTERS) text += (flags & bit) !== 0 ? letter : unset;
  return text;
}

function endpoint(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/** `21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52` (the day goes on a line of its own). */
export function formatFlowLine(flow: FlowRecord): string {
  return (
    `${utcTimeOfDay(flow.start)}Z ${flow.protocol} ${endpoint(flow.srcAddr, flow.srcPort)} -> ` +
    `${endpoint(flow.dstAddr, flow.dstPort)} ${formatTcpFlags(flow.tcpFlags)} ${flow.packets} ${flow.bytes}`
  );
}

/**
 * The seed's "Log sample:" body: each block starts with its UTC day and repeats the day
 * line whenever it changes; ". . ." stands for omitted flows between head and tail; the
 * legend closes it. Lines are joined with "\n", no trailing newline.
 */
export function formatLogSample(
  head: readonly FlowRecord[],
  tail: readonly FlowRecord[],
  options: { omitted?: number } = {},
): string {
  const lines: string[] = [];
  appendBlock(lines, head);
  if ((options.omitted ?? 0) > 0) lines.push(LOG_SAMPLE_SEPARATOR);
  appendBlock(lines, tail);
  lines.push("Legend:", LOG_SAMPLE_LEGEND);
  return lines.join("\n");
}

function appendBlock(lines: string[], flows: readonly FlowRecord[]): void {
  let day: string | null = null;
  for (const flow of flows) {
    const flowDay = utcDay(flow.start);
    if (flowDay !== day) {
      lines.push(flowDay);
      day = flowDay;
    }
    lines.push(formatFlowLine(flow));
  }
}

export interface SummaryInput {
  organisationName: string;
  sourceIp: string;
  port: number;
  protocol: "tcp";
  flows: number;
  firstSeen: number;
  lastSeen: number;
}

export function summarySentence(input: SummaryInput): string {
  return (
    `An IP at ${input.organisationName}, ${input.sourceIp} was scanning for port ${input.port}/${input.protocol} ` +
    `sending at least ${input.flows} flows between ${isoSecondsUtc(input.firstSeen)} and ${isoSecondsUtc(input.lastSeen)}.`
  );
}

const CSV_HEADER = [
  "start",
  "end",
  "protocol",
  "src_addr",
  "src_port",
  "dst_addr",
  "dst_port",
  "tcp_flags",
  "packets",
  "bytes",
  "line",
];

/**
 * RFC 4180 CSV (CRLF line ends) of the evidence. Times are ISO-8601 UTC with milliseconds.
 * Flags use "." for unset bits (".A...F") because a cell starting with "-" is read as a
 * formula by spreadsheets; other text cells starting with = + - @ are prefixed with "'".
 */
export function flowsToCsv(flows: Iterable<FlowRecord>): string {
  const rows = [CSV_HEADER.join(",")];
  for (const flow of flows) {
    rows.push(
      [
        new Date(flow.start).toISOString(),
        new Date(flow.end).toISOString(),
        csvText(flow.protocol),
        csvText(flow.srcAddr),
        String(flow.srcPort),
        csvText(flow.dstAddr),
        String(flow.dstPort),
        formatTcpFlags(flow.tcpFlags, "."),
        String(flow.packets),
        String(flow.bytes),
        String(flow.line),
      ].join(","),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}

function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
