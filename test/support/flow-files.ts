import { writeFile } from "node:fs/promises";
import { formatFlowLine } from "@/lib/ingest/detect";
import type { FlowRecord } from "@/lib/ingest/flow";

/** Flow files written by the tests themselves, in the formats collectors print. */

/** The seed's flow lines: a date line whenever the UTC day changes. */
export function seedFlowLines(flows: readonly FlowRecord[]): string {
  const lines: string[] = [];
  let day = "";
  for (const flow of flows) {
    const flowDay = new Date(flow.start).toISOString().slice(0, 10);
    if (flowDay !== day) {
      day = flowDay;
      lines.push(day);
    }
    lines.push(formatFlowLine(flow));
  }
  return `${lines.join("\n")}\n`;
}

/** nfdump 1.7.4+ `-o csv`: milliseconds, protocol as a number. */
export function nfdumpCsv(flows: readonly FlowRecord[]): string {
  const rows = ["firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort,packets,bytes,flows"];
  for (const flow of flows) {
    const first = new Date(flow.start).toISOString().replace("T", " ").replace("Z", "");
    const duration = ((flow.end - flow.start) / 1000).toFixed(3);
    rows.push(
      [first, duration, 6, flow.srcAddr, flow.srcPort, flow.dstAddr, flow.dstPort, flow.packets, flow.bytes, 1].join(
        ",",
      ),
    );
  }
  return `${rows.join("\n")}\n`;
}

/** Zeek conn.log as JSON lines (microsecond epoch timestamps). */
export function zeekConnJson(flows: readonly FlowRecord[]): string {
  return flows
    .map((flow) =>
      JSON.stringify({
        ts: flow.start / 1000,
        "id.orig_h": flow.srcAddr,
        "id.orig_p": flow.srcPort,
        "id.resp_h": flow.dstAddr,
        "id.resp_p": flow.dstPort,
        proto: "tcp",
        duration: (flow.end - flow.start) / 1000,
        conn_state: "S0",
        history: "S",
        orig_pkts: flow.packets,
        orig_ip_bytes: flow.bytes,
      }),
    )
    .join("\n")
    .concat("\n");
}

export async function writeFlows(path: string, text: string): Promise<string> {
  await writeFile(path, text);
  return path;
}
