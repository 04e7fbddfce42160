/**
 * NetFlow v5 export packets (Cisco's fixed 24-byte header + 48-byte records, at most 30 per
 * packet): the simplest way to hand nfcapd flows so that nfdump has a real capture file to read.
 * IPv4 only, as v5 is. Times keep their milliseconds (sysUptime-relative First/Last).
 */

/** One flow as v5 carries it (the benchmark's SyntheticFlow is one). */
export interface NetflowV5Flow {
  /** Epoch milliseconds. */
  start: number;
  durationMs: number;
  protocol: "TCP" | "UDP";
  /** IPv6 flows cannot travel in v5 and are left out. */
  ipv6: boolean;
  /** Unsigned 32-bit values. */
  srcIpv4: number;
  dstIpv4: number;
  srcPort: number;
  dstPort: number;
  tcpFlags: number;
  packets: number;
  bytes: number;
}

const HEADER_BYTES = 24;
const RECORD_BYTES = 48;
const RECORDS_PER_PACKET = 30;
/** Exporter uptime (ms) at each packet; flow times are expressed relative to it. */
const EXPORTER_UPTIME_MS = 3_600_000_000;
const PROTOCOL_NUMBERS = { TCP: 6, UDP: 17 } as const;

export class NetflowV5Packer {
  private packet = Buffer.alloc(HEADER_BYTES + RECORD_BYTES * RECORDS_PER_PACKET);
  private starts: number[] = [];
  private ends: number[] = [];
  private records = 0;
  private sequence = 0;

  constructor(private readonly emit: (packet: Buffer) => void) {}

  add(flow: NetflowV5Flow): void {
    if (flow.ipv6) return;
    const at = HEADER_BYTES + RECORD_BYTES * this.records;
    const packet = this.packet;
    packet.fill(0, at, at + RECORD_BYTES);
    packet.writeUInt32BE(flow.srcIpv4, at);
    packet.writeUInt32BE(flow.dstIpv4, at + 4);
    packet.writeUInt32BE(flow.packets, at + 16);
    packet.writeUInt32BE(flow.bytes, at + 20);
    packet.writeUInt16BE(flow.srcPort, at + 32);
    packet.writeUInt16BE(flow.dstPort, at + 34);
    packet.writeUInt8(flow.protocol === "TCP" ? flow.tcpFlags : 0, at + 37);
    packet.writeUInt8(PROTOCOL_NUMBERS[flow.protocol], at + 38);
    this.starts.push(flow.start);
    this.ends.push(flow.start + flow.durationMs);
    if (++this.records === RECORDS_PER_PACKET) this.flush();
  }

  /** Sends what is collected (a short last packet). */
  flush(): void {
    if (this.records === 0) return;
    const packet = this.packet;
    const exportTime = Math.max(...this.ends);
    packet.writeUInt16BE(5, 0);
    packet.writeUInt16BE(this.records, 2);
    packet.writeUInt32BE(EXPORTER_UPTIME_MS, 4);
    packet.writeUInt32BE(Math.floor(exportTime / 1000), 8);
    packet.writeUInt32BE((exportTime % 1000) * 1_000_000, 12);
    packet.writeUInt32BE(this.sequence >>> 0, 16);
    for (let i = 0; i < this.records; i++) {
      const at = HEADER_BYTES + RECORD_BYTES * i;
      packet.writeUInt32BE(EXPORTER_UPTIME_MS - (exportTime - this.starts[i]!), at + 24);
      packet.writeUInt32BE(EXPORTER_UPTIME_MS - (exportTime - this.ends[i]!), at + 28);
    }
    this.emit(packet.subarray(0, HEADER_BYTES + RECORD_BYTES * this.records));
    this.sequence += this.records;
    this.packet = Buffer.alloc(packet.length);
    this.records = 0;
    this.starts = [];
    this.ends = [];
  }
}
