import type { FlowRecord } from "../flow";

/** A flow as saved in a stream's detection state: a tuple, so the saved state stays small. */
export type FlowState = [
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
  origin: string,
];

/** `fileName` names the file being read, for flows that do not yet say where they came from. */
export function flowToState(flow: FlowRecord, fileName: string): FlowState {
  const { start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, line } = flow;
  return [
    start,
    end,
    protocol,
    srcAddr,
    srcPort,
    dstAddr,
    dstPort,
    tcpFlags,
    packets,
    bytes,
    line,
    flow.origin ?? fileName,
  ];
}

export function flowFromState(state: FlowState): FlowRecord {
  const [start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, line, origin] = state;
  return { start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, line, origin };
}
