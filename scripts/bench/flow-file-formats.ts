/**
 * How each collector prints a flow: the seed's flow lines, nfdump 1.7.1 `-o csv` (48 columns)
 * and `-o long6`, and Zeek conn.log TSV. Shapes follow the real samples in test/fixtures/flows.
 */
import type { FlowFormatId } from "../../lib/ingest/flow";
import { TcpFlag } from "../../lib/ingest/flow";
import { NFDUMP_LEGACY_CSV_HEADER } from "../../lib/ingest/parsers/nfdump-csv-legacy";
import type { SyntheticFlow } from "./synthetic-traffic";

export interface FlowFileFormat {
  readonly id: FlowFormatId;
  readonly extension: string;
  header(): string;
  /** One record as text, newline included (the seed format may put a date line before it). */
  line(flow: SyntheticFlow): string;
  footer(): string;
}

export const BENCH_FORMAT_IDS = ["seed-flow-lines", "nfdump-csv-legacy", "nfdump-text", "zeek-conn-tsv"] as const;
export type BenchFormatId = (typeof BENCH_FORMAT_IDS)[number];

export function createFlowFileFormat(id: BenchFormatId): FlowFileFormat {
  switch (id) {
    case "seed-flow-lines":
      return new SeedFormat();
    case "nfdump-csv-legacy":
      return new NfdumpLegacyCsvFormat();
    case "nfdump-text":
      return new NfdumpLongFormat();
    case "zeek-conn-tsv":
      return new ZeekConnTsvFormat();
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** "YYYY-MM-DD HH:MM:SS", computed once per second of traffic. */
class SecondClock {
  private second = Number.NaN;
  private text = "";

  format(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.text = new Date(second * 1000).toISOString().slice(0, 19).replace("T", " ");
    }
    return this.text;
  }
}

/** Flag letters in `order` (high bit first) where set, `unset` elsewhere; one string per flag byte. */
function flagTable(order: string, unset: string): string[] {
  const bits: Record<string, number> = {
    C: TcpFlag.CWR,
    E: TcpFlag.ECE,
    U: TcpFlag.URG,
    A: TcpFlag.ACK,
    P: TcpFlag.PSH,
    R: TcpFlag.RST,
    S: TcpFlag.SYN,
    F: TcpFlag.FIN,
  };
  return Array.from({ length: 256 }, (_, flags) =>
    [...order].map((letter) => ((flags & bits[letter]!) !== 0 ? letter : unset)).join(""),
  );
}

const SEED_FLAGS = flagTable("UAPRSF", "-");
const NFDUMP_FLAGS = flagTable("CEUAPRSF", ".");

class SeedFormat implements FlowFileFormat {
  readonly id = "seed-flow-lines" as const;
  readonly extension = "txt";
  private readonly clock = new SecondClock();
  private day = "";

  header(): string {
    return "";
  }

  line(flow: SyntheticFlow): string {
    const stamp = this.clock.format(flow.start);
    const day = stamp.slice(0, 10);
    const dateLine = day === this.day ? "" : `${day}\n`;
    this.day = day;
    return (
      `${dateLine}${stamp.slice(11)}Z ${flow.protocol} ${seedEndpoint(flow.srcAddr, flow.srcPort, flow.ipv6)} -> ` +
      `${seedEndpoint(flow.dstAddr, flow.dstPort, flow.ipv6)} ${flow.protocol === "TCP" ? SEED_FLAGS[flow.tcpFlags] : "------"} ${flow.packets} ${flow.bytes}\n`
    );
  }

  footer(): string {
    return "";
  }
}

/** The seed accepts both IPv6 spellings; write both. */
function seedEndpoint(address: string, port: number, ipv6: boolean): string {
  if (!ipv6) return `${address}:${port}`;
  return (port & 1) === 0 ? `[${address}]:${port}` : `${address}.${port}`;
}

const NFDUMP_CSV_TAIL =
  ",0,0,0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00," +
  "0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,    0.000,    0.000,    0.000,127.0.0.1,0/0,1,2026-03-02 02:17:00.187\n";

/** Totals for the summary block nfdump prints after the flows. */
class FlowTotals {
  flows = 0;
  bytes = 0;
  packets = 0;
  first = Infinity;
  last = -Infinity;

  add(flow: SyntheticFlow): void {
    this.flows++;
    this.bytes += flow.bytes;
    this.packets += flow.packets;
    if (flow.start < this.first) this.first = flow.start;
    if (flow.start + flow.durationMs > this.last) this.last = flow.start + flow.durationMs;
  }

  get seconds(): number {
    return Math.max(1, (this.last - this.first) / 1000);
  }
}

class NfdumpLegacyCsvFormat implements FlowFileFormat {
  readonly id = "nfdump-csv-legacy" as const;
  readonly extension = "csv";
  private readonly startClock = new SecondClock();
  private readonly endClock = new SecondClock();
  private readonly totals = new FlowTotals();

  header(): string {
    return `${NFDUMP_LEGACY_CSV_HEADER}\n`;
  }

  line(flow: SyntheticFlow): string {
    this.totals.add(flow);
    const flags = flow.protocol === "TCP" ? NFDUMP_FLAGS[flow.tcpFlags] : "........";
    return (
      `${this.startClock.format(flow.start)},${this.endClock.format(flow.start + flow.durationMs)},${(flow.durationMs / 1000).toFixed(3)},` +
      `${flow.srcAddr},${flow.dstAddr},${flow.srcPort},${flow.dstPort},${flow.protocol},${flags},0,0,${flow.packets},${flow.bytes}` +
      NFDUMP_CSV_TAIL
    );
  }

  footer(): string {
    const { flows, bytes, packets, seconds } = this.totals;
    const bps = Math.round((bytes * 8) / seconds);
    return `Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n${flows},${bytes},${packets},${bps},${Math.round(packets / seconds)},${Math.round(bytes / Math.max(1, packets))}\n`;
  }
}

/** nfdump's scaled counts: 1234567 → "1.2 M". */
function nfdumpCount(value: number): string {
  if (value < 1_000_000) return `${value}`;
  if (value < 1_000_000_000) return `${(value / 1e6).toFixed(1)} M`;
  return `${(value / 1e9).toFixed(1)} G`;
}

function nfdumpDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${pad3(ms % 1000)}`;
}

class NfdumpLongFormat implements FlowFileFormat {
  readonly id = "nfdump-text" as const;
  readonly extension = "txt";
  private readonly clock = new SecondClock();
  private readonly totals = new FlowTotals();

  header(): string {
    return "Date first seen             Duration     Proto      Src IP Addr:Port          Dst IP Addr:Port     Flags Tos  Packets    Bytes Flows\n";
  }

  line(flow: SyntheticFlow): string {
    this.totals.add(flow);
    const separator = flow.ipv6 ? "." : ":";
    const source = `${flow.srcAddr}${separator}${flow.srcPort}`;
    const destination = `${flow.dstAddr}${separator}${flow.dstPort}`;
    const flags = flow.protocol === "TCP" ? NFDUMP_FLAGS[flow.tcpFlags] : "........";
    return (
      `${this.clock.format(flow.start)}.${pad3(flow.start % 1000)}     ${nfdumpDuration(flow.durationMs)} ${flow.protocol.padEnd(5)}` +
      `${source.padStart(22)} -> ${destination.padStart(22)} ${flags}   0 ${nfdumpCount(flow.packets).padStart(8)} ` +
      `${nfdumpCount(flow.bytes).padStart(8)}     1\n`
    );
  }

  footer(): string {
    const { flows, bytes, packets, seconds } = this.totals;
    return (
      `Summary: total flows: ${flows}, total bytes: ${bytes}, total packets: ${packets}, avg bps: ${Math.round((bytes * 8) / seconds)}, ` +
      `avg pps: ${Math.round(packets / seconds)}, avg bpp: ${Math.round(bytes / Math.max(1, packets))}\n` +
      `Time window: ${this.clock.format(this.totals.first)} - ${this.clock.format(this.totals.last)}\n` +
      `Total flows processed: ${flows}, passed: ${flows}, Blocks skipped: 0, Bytes read: ${flows * 60}\n` +
      `Sys: 0.0000s User: 0.0000s Wall: 0.0000s flows/second: 0.0 Runtime: 0.0000s\n`
    );
  }
}

const ZEEK_FIELDS =
  "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\t" +
  "local_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
const ZEEK_TYPES =
  "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]";

class ZeekConnTsvFormat implements FlowFileFormat {
  readonly id = "zeek-conn-tsv" as const;
  readonly extension = "log";
  private connection = 0;

  header(): string {
    return [
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      "#path\tconn",
      "#open\t2026-03-01-23-30-00",
      `#fields\t${ZEEK_FIELDS}`,
      `#types\t${ZEEK_TYPES}`,
      "",
    ].join("\n");
  }

  line(flow: SyntheticFlow): string {
    const uid = `C${(++this.connection).toString(36).padStart(17, "0")}`;
    const [history, state, responsePackets] = zeekConnection(flow);
    const headerBytes = flow.ipv6 ? 60 : 40;
    const payload = Math.max(0, flow.bytes - flow.packets * headerBytes);
    return (
      `${(flow.start / 1000).toFixed(6)}\t${uid}\t${flow.srcAddr}\t${flow.srcPort}\t${flow.dstAddr}\t${flow.dstPort}\t` +
      `${flow.protocol === "TCP" ? "tcp" : "udp"}\t-\t${(flow.durationMs / 1000).toFixed(6)}\t${payload}\t0\t${state}\t-\t-\t0\t` +
      `${history}\t${flow.packets}\t${flow.bytes}\t${responsePackets}\t${responsePackets * headerBytes}\t-\n`
    );
  }

  footer(): string {
    return "#close\t2026-03-02-02-17-00\n";
  }
}

/** Zeek's history letters and connection state for what the flags say happened. */
function zeekConnection(flow: SyntheticFlow): [history: string, state: string, responsePackets: number] {
  if (flow.protocol === "UDP") return ["Dd", "SF", 1];
  const flags = flow.tcpFlags;
  if (flags === TcpFlag.SYN) return ["S", "S0", 0];
  if ((flags & TcpFlag.RST) !== 0) return ["R", "OTH", 0];
  if ((flags & TcpFlag.SYN) !== 0) return ["ShADadFf", "SF", flow.packets];
  return ["ADad", "OTH", flow.packets];
}
