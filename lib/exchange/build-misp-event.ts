/**
 * MISP core format (draft-dulaunoy-misp-core-format): one incident as one Event. The source
 * address is an `ip-src` attribute (to_ids: it is the indicator), the log sample an `attachment`
 * with its bytes in base64, and an `ip-port` object holds the address with the destination port
 * and the first and last time seen. The TLP marking is the event's `tlp:*` tag (FIRST TLP 2.0
 * taxonomy) and sets its distribution. Every uuid is a UUIDv5 of the incident's id: exporting
 * again gives the same uuids, so MISP updates the event instead of adding another.
 */
import type { Severity, Tlp } from "@/lib/generated/prisma/enums";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { tlpTag } from "@/lib/tlp/tlp";
import type { ExportIncident, ExportProducer } from "./export-incident";
import { EXPORT_NAMESPACE, uuidV5 } from "./uuid-v5";

/** The ip-port object template (MISP objects), whose relations we fill. */
const IP_PORT_TEMPLATE = { uuid: "9f8cea74-16fe-4968-a2b4-026676949ac6", version: "10" };

/** threat_level_id: 1 high, 2 medium, 3 low, 4 undefined. */
const THREAT_LEVEL: Record<Severity, string> = { CRITICAL: "1", HIGH: "1", MEDIUM: "2", LOW: "3" };

/**
 * distribution: 0 your organisation only, 1 this community, 3 all communities. AMBER and
 * stricter stay with the receiving organisation (it shares on need-to-know by hand); GREEN may
 * reach its community; CLEAR anyone.
 */
const DISTRIBUTION: Record<Tlp, string> = { CLEAR: "3", GREEN: "1", AMBER: "0", AMBER_STRICT: "0", RED: "0" };

/** Attributes inherit the event's distribution. */
const INHERIT = "5";

const epoch = (date: Date) => String(Math.floor(date.getTime() / 1000));
const isoSeconds = (date: Date) => date.toISOString();

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  timestamp: string;
  comment: string;
  disable_correlation?: boolean;
  object_relation?: string;
  first_seen?: string;
  last_seen?: string;
  data?: string;
}

export function buildMispEvent(incident: ExportIncident, producer: ExportProducer) {
  const id = (part: string) => uuidV5(`misp:${part}:${incident.id}`, EXPORT_NAMESPACE);
  const timestamp = epoch(incident.updatedAt);
  const port = incident.port ?? 22;
  const attribute = (fields: Omit<MispAttribute, "uuid" | "distribution" | "timestamp"> & { key: string }) => {
    const { key, ...rest } = fields;
    return { uuid: id(key), distribution: INHERIT, timestamp, ...rest } satisfies MispAttribute;
  };
  const attributes: MispAttribute[] = [
    attribute({
      key: "ip-src",
      type: "ip-src",
      category: "Network activity",
      value: incident.sourceIp,
      to_ids: true,
      comment: `Member host seen scanning ${port}/${incident.protocol}: ${incident.flowCount} flows to ${incident.distinctTargets} destinations.`,
      first_seen: isoSeconds(incident.firstSeen),
      last_seen: isoSeconds(incident.lastSeen),
    }),
  ];
  if (incident.sample)
    attributes.push(
      attribute({
        key: `sample:${incident.sample.id}`,
        type: "attachment",
        category: "Network activity",
        value: incident.sample.fileName,
        data: incident.sample.content.toString("base64"),
        to_ids: false,
        comment: `Log sample (flow lines), SHA-256 ${incident.sample.sha256}.`,
      }),
    );
  const related = (key: string, relation: string, type: string, category: string, value: string) =>
    attribute({
      key,
      object_relation: relation,
      type,
      category,
      value,
      to_ids: false,
      disable_correlation: true,
      comment: "",
    });
  return {
    Event: {
      uuid: id("event"),
      info: `${TYPE_LABEL[incident.type]} from ${incident.sourceIp} (${producer.name} #${incident.reference})`,
      date: incident.firstSeen.toISOString().slice(0, 10),
      threat_level_id: THREAT_LEVEL[incident.severity],
      analysis:
        incident.status === "RESOLVED" || incident.status === "CLOSED" ? "2" : incident.status === "NEW" ? "0" : "1",
      distribution: DISTRIBUTION[incident.tlp],
      published: false,
      timestamp,
      Orgc: { name: producer.name, uuid: uuidV5(`misp:org:${producer.name}`, EXPORT_NAMESPACE) },
      Tag: [{ name: tlpTag(incident.tlp) }],
      Attribute: attributes,
      Object: [
        {
          uuid: id("ip-port"),
          name: "ip-port",
          "meta-category": "network",
          description: "The scanning host with the destination port and when it was seen.",
          template_uuid: IP_PORT_TEMPLATE.uuid,
          template_version: IP_PORT_TEMPLATE.version,
          distribution: INHERIT,
          timestamp,
          comment: "",
          Attribute: [
            related("obj:ip-src", "ip-src", "ip-src", "Network activity", incident.sourceIp),
            related("obj:dst-port", "dst-port", "port", "Network activity", String(port)),
            related("obj:first-seen", "first-seen", "datetime", "Other", isoSeconds(incident.firstSeen)),
            related("obj:last-seen", "last-seen", "datetime", "Other", isoSeconds(incident.lastSeen)),
          ],
        },
      ],
    },
  };
}

/** Several incidents: MISP's own answer shape for a search (`response`, one Event each). */
export function buildMispEvents(incidents: ExportIncident[], producer: ExportProducer) {
  return { response: incidents.map((incident) => buildMispEvent(incident, producer)) };
}
