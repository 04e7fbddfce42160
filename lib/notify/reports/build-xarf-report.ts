import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { reportProtocol, reportTime, type TReportInput } from "./report-input";

/** The X-ARF version our reports follow (schemas in ./schemas/xarf-v4). */
export const XARF_VERSION = "4.2.0";
/** X-ARF caps one evidence item at 5 MiB and a report at 50 items. */
const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
const MAX_EVIDENCE_ITEMS = 50;

/**
 * An X-ARF v4 report (JSON) for an incident: `connection/port_scan` for an SSH scan we saw in
 * flows, `connection/login_attack` for password guessing a third party reported. Other incident
 * types have no X-ARF type we can claim, so they get none (null).
 */
export function buildXarfReport(input: TReportInput): Record<string, unknown> | null {
  const type =
    input.type === "SSH_SCAN" ? "port_scan" : input.type === "SSH_BRUTE_FORCE_REPORT" ? "login_attack" : null;
  if (!type) return null;
  const contact = { org: input.sender.name.slice(0, 200), contact: input.sender.email, domain: input.sender.domain };
  const evidence = input.evidence
    .filter((item) => item.content.length <= MAX_EVIDENCE_BYTES)
    .slice(0, MAX_EVIDENCE_ITEMS)
    .map((item) => ({
      content_type: item.contentType.split(";")[0]?.trim() || "application/octet-stream",
      description: item.description.slice(0, 500),
      payload: item.content.toString("base64"),
      hash: `sha256:${createHash("sha256").update(item.content).digest("hex")}`,
      size: item.content.length,
    }));
  const { example } = input;
  return {
    xarf_version: XARF_VERSION,
    report_id: input.reportId,
    timestamp: reportTime(input.firstSeen),
    reporter: contact,
    sender: contact,
    source_identifier: input.sourceIp,
    ...(example.sourcePort ? { source_port: example.sourcePort } : {}),
    category: "connection",
    type,
    evidence_source: input.thirdPartyReporter ? "user_report" : "flow_analysis",
    ...(example.destinationIp && isIP(example.destinationIp) ? { destination_ip: example.destinationIp } : {}),
    ...(input.port ? { destination_port: input.port } : {}),
    protocol: reportProtocol(input.protocol).name,
    first_seen: reportTime(input.firstSeen),
    last_seen: reportTime(input.lastSeen),
    description: input.summary.slice(0, 1000),
    confidence: input.thirdPartyReporter ? 0.8 : 0.95,
    tags: [`service:ssh`, `incident:${input.reference}`],
    ...(evidence.length > 0 ? { evidence } : {}),
    // Extensions (the core schema allows more properties): what the counts were.
    ...(type === "port_scan"
      ? { flow_count: input.events, distinct_targets: input.distinctTargets }
      : { attempts: input.events }),
  };
}
