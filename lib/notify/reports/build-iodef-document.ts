import { reportProtocol, reportTime, type TReportInput } from "./report-input";

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five special ones are escaped.
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
  return clean
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<name attr="...">text</name>`, or a self-closed element without text. */
function element(name: string, attributes: Record<string, string | number | undefined>, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join("")}</${name}>`;
}

const text = (name: string, value: string, attributes: Record<string, string | number | undefined> = {}) =>
  element(name, attributes, escapeXml(value));

function addressCategory(ip: string): string {
  return ip.includes(":") ? "ipv6-addr" : "ipv4-addr";
}

/**
 * An IODEF v2 (RFC 7970) document for an incident: one Incident with the CSIRT as creator, one
 * EventData whose Flow names the source (with an observed source port) and the targeted service,
 * and the evidence as text records. `name` on IncidentID is the CSIRT's domain, as the RFC asks.
 */
export function buildIodefDocument(input: TReportInput): string {
  const protocol = reportProtocol(input.protocol);
  const sourceService = input.example.sourcePort
    ? [element("Service", { "ip-protocol": protocol.number }, text("Port", String(input.example.sourcePort)))]
    : [];
  // A third party's log names its host, not an address: then the flow has only its source.
  const target = input.example.destinationIp
    ? [
        element(
          "System",
          { category: "target" },
          element(
            "Node",
            {},
            text("Address", input.example.destinationIp, { category: addressCategory(input.example.destinationIp) }),
          ),
          element(
            "Service",
            { "ip-protocol": protocol.number },
            ...(input.port ? [text("Port", String(input.port))] : []),
          ),
        ),
      ]
    : [];
  const records = input.evidence
    .filter((item) => item.contentType.startsWith("text/"))
    .map((item) =>
      element(
        "RecordData",
        {},
        text("Description", item.description),
        text("RecordItem", item.content.toString("utf8"), { dtype: "string" }),
      ),
    );
  const category = input.type === "SSH_SCAN" ? "scanning" : "brute-force";
  const incident = element(
    "Incident",
    { purpose: "reporting", restriction: "need-to-know" },
    text("IncidentID", String(input.reference), { name: input.sender.domain }),
    text("DetectTime", reportTime(input.lastSeen)),
    text("StartTime", reportTime(input.firstSeen)),
    text("EndTime", reportTime(input.lastSeen)),
    text("ReportTime", reportTime(input.generatedAt)),
    text("GenerationTime", reportTime(input.generatedAt)),
    text("Description", input.summary),
    element(
      "Assessment",
      { occurrence: "actual" },
      text("IncidentCategory", category),
      element("SystemImpact", { type: "unknown" }),
    ),
    element(
      "Contact",
      { role: "creator", type: "organization" },
      text("ContactName", input.sender.name),
      element("Email", {}, text("EmailTo", input.sender.email)),
    ),
    ...(input.thirdPartyReporter
      ? [element("Contact", { role: "reporter", type: "organization" }, text("ContactName", input.thirdPartyReporter))]
      : []),
    element(
      "EventData",
      {},
      text(
        "Description",
        input.type === "SSH_SCAN"
          ? `SSH scan: ${input.events} flows to ${input.distinctTargets} targets`
          : `SSH password guessing: ${input.events} failed logins`,
      ),
      element(
        "Flow",
        {},
        element(
          "System",
          { category: "source" },
          element("Node", {}, text("Address", input.sourceIp, { category: addressCategory(input.sourceIp) })),
          ...sourceService,
        ),
        ...target,
      ),
      element("Expectation", { action: "investigate" }),
      ...(records.length > 0 ? [element("Record", {}, ...records)] : []),
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element("IODEF-Document", { version: "2.00", "xml:lang": "en", xmlns: "urn:ietf:params:xml:ns:iodef-2.0" }, incident)}\n`;
}
