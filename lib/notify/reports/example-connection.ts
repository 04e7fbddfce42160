/**
 * One observed connection from an incident's evidence: the first row of the flows CSV
 * (`start,end,protocol,src_addr,src_port,dst_addr,dst_port,...`) or the first "from ADDR port N"
 * of a third-party sshd log. Reports name a source port because receivers behind NAT need it.
 */
export function exampleConnection(evidence: Array<{ kind: string; content: Uint8Array }>): {
  sourcePort: number | null;
  destinationIp: string | null;
} {
  const flows = evidence.find((item) => item.kind === "FLOW_LIST");
  if (flows) {
    const text = Buffer.from(flows.content).toString("utf8");
    const row = text.split(/\r?\n/)[1]?.split(",");
    const port = Number(row?.[4]);
    if (row && Number.isInteger(port) && port >= 1 && port <= 65535)
      return { sourcePort: port, destinationIp: row[5] || null };
  }
  const log = evidence.find((item) => item.kind === "THIRD_PARTY_LOG");
  if (log) {
    const match = /\bfrom \S+ port (\d{1,5})\b/.exec(Buffer.from(log.content).toString("utf8"));
    const port = Number(match?.[1]);
    if (port >= 1 && port <= 65535) return { sourcePort: port, destinationIp: null };
  }
  return { sourcePort: null, destinationIp: null };
}
