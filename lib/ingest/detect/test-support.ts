import { TcpFlag, type FlowRecord } from "../flow";

/** Helpers for building synthetic flows in tests. */

export const T0 = Date.UTC(2027, 0, 9, 2, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60_000;

export const SYN = TcpFlag.SYN;
export const ACK_PSH_FIN = TcpFlag.ACK | TcpFlag.PSH | TcpFlag.FIN;

let nextLine = 1;

export function flow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  const start = overrides.start ?? T0;
  return {
    start,
    end: start,
    protocol: "TCP",
    srcAddr: "192.0.2.45",
    srcPort: 40000,
    dstAddr: "203.0.113.1",
    dstPort: 22,
    tcpFlags: SYN,
    packets: 1,
    bytes: 40,
    line: nextLine++,
    ...overrides,
  };
}

/** count SYN probes from src to distinct IPv4 targets 198.18.x.y, evenly spread over spanMs. */
export function probes(
  src: string,
  count: number,
  options: { start?: number; spanMs?: number; dstPort?: number; firstTarget?: number } = {},
): FlowRecord[] {
  const start = options.start ?? T0;
  const step = count > 1 ? (options.spanMs ?? 0) / (count - 1) : 0;
  const first = options.firstTarget ?? 0;
  return Array.from({ length: count }, (_, i) =>
    flow({
      start: Math.round(start + i * step),
      srcAddr: src,
      srcPort: 40000 + (i % 20000),
      dstAddr: ipv4Target(first + i),
      dstPort: options.dstPort ?? 22,
    }),
  );
}

/** The i-th address of 198.18.0.0/15 (benchmark range, never a member here). */
export function ipv4Target(i: number): string {
  return `198.${18 + ((i >>> 16) & 1)}.${(i >>> 8) & 255}.${i & 255}`;
}
