import { TcpFlag, type FlowRecord } from "../flow";
import type { DetectionSettings } from "./settings";

/**
 * What one flow to the SSH port looks like from the packet count and flags.
 * - probe: <= scanMaxPackets packets, or flags reported without ACK (SYN, SYN+RST,
 *   retransmitted SYNs): no completed handshake, the SSHCure scan signature.
 * - session: bruteForceMin..MaxPackets packets with ACK (or flags unreported): a
 *   connection that got to authentication and was cut, the SSHCure brute-force signature.
 * - other: banner grabs, real sessions, transfers.
 */
export const FlowShape = { Probe: 0, Session: 1, Other: 2 } as const;
export type FlowShape = (typeof FlowShape)[keyof typeof FlowShape];

export type ShapeSettings = Pick<DetectionSettings, "scanMaxPackets" | "bruteForceMinPackets" | "bruteForceMaxPackets">;

export function flowShape(flow: FlowRecord, settings: ShapeSettings): FlowShape {
  const flagsKnown = flow.tcpFlags !== 0;
  const acked = (flow.tcpFlags & TcpFlag.ACK) !== 0;
  if (flow.packets <= settings.scanMaxPackets || (flagsKnown && !acked)) return FlowShape.Probe;
  if (flow.packets >= settings.bruteForceMinPackets && flow.packets <= settings.bruteForceMaxPackets) {
    return FlowShape.Session;
  }
  return FlowShape.Other;
}
