/**
 * STIX 2.1 (OASIS, 2021): incidents as one bundle. Per incident: the source address
 * (ipv4-addr / ipv6-addr), the connections it made (network-traffic to the destination port,
 * tcp), the log sample as an artifact when it may go, an observed-data over them with the first
 * and last time and the flow count, an indicator whose pattern matches the address, and a
 * sighting of that indicator by the CSIRT (the identity). Every object carries the TLP 2.0
 * marking of its incident: the marking-definitions OASIS published for TLP 2.0 (an extension,
 * since STIX 2.1 itself predefines only TLP 1.0), included in the bundle. Ids are stable:
 * SCOs use the spec's deterministic UUIDv5 of their id-contributing properties, the other
 * objects a UUIDv5 of the incident's id.
 */
import { isIPv6 } from "node:net";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { tlpLabel } from "@/lib/tlp/tlp";
import type { ExportIncident, ExportProducer } from "./export-incident";
import { EXPORT_NAMESPACE, uuidV5 } from "./uuid-v5";

/** STIX 2.1 section 2.9: the namespace of deterministic SCO ids. */
const SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

/** The TLP 2.0 extension and marking-definitions published by the OASIS CTI TC (cti-stix-common-objects). */
export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

export function tlp2MarkingDefinition(tlp: Tlp) {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP2_MARKING_IDS[tlp],
    created: "2022-10-01T00:00:00.000Z",
    name: tlpLabel(tlp),
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlpLabel(tlp).slice(4).toLowerCase() },
    },
  };
}

/** JSON with keys sorted: the RFC 8785 form for the plain strings, numbers and lists SCO ids are made of. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidV5(canonical(contributing), SCO_NAMESPACE)}`;
}

/** STIX timestamps: UTC, "Z", milliseconds (created/modified must be exact to the millisecond). */
const stamp = (date: Date) => date.toISOString();

/** number_observed is 1 to 999,999,999. */
const observedCount = (flows: number) => Math.min(Math.max(flows, 1), 999_999_999);

function incidentObjects(incident: ExportIncident, identityId: string): Array<Record<string, unknown>> {
  const id = (type: string) => `${type}--${uuidV5(`stix:${type}:${incident.id}`, EXPORT_NAMESPACE)}`;
  const common = {
    spec_version: "2.1",
    created: stamp(incident.createdAt),
    modified: stamp(incident.updatedAt),
    created_by_ref: identityId,
    object_marking_refs: [TLP2_MARKING_IDS[incident.tlp]],
  };
  const addressType = isIPv6(incident.sourceIp) ? "ipv6-addr" : "ipv4-addr";
  const address = {
    type: addressType,
    spec_version: "2.1",
    id: scoId(addressType, { value: incident.sourceIp }),
    value: incident.sourceIp,
    object_marking_refs: common.object_marking_refs,
  };
  const port = incident.port ?? 22;
  const traffic = {
    type: "network-traffic",
    spec_version: "2.1",
    id: scoId("network-traffic", {
      src_ref: address.id,
      dst_port: port,
      protocols: [incident.protocol],
      start: stamp(incident.firstSeen),
      end: stamp(incident.lastSeen),
    }),
    src_ref: address.id,
    dst_port: port,
    protocols: [incident.protocol],
    start: stamp(incident.firstSeen),
    end: stamp(incident.lastSeen),
    object_marking_refs: common.object_marking_refs,
  };
  const scos: Array<Record<string, unknown>> = [address, traffic];
  if (incident.sample) {
    scos.push({
      type: "artifact",
      spec_version: "2.1",
      id: scoId("artifact", { hashes: { "SHA-256": incident.sample.sha256 } }),
      mime_type: "text/plain",
      payload_bin: incident.sample.content.toString("base64"),
      hashes: { "SHA-256": incident.sample.sha256 },
      object_marking_refs: common.object_marking_refs,
    });
  }
  const observed = {
    type: "observed-data",
    id: id("observed-data"),
    ...common,
    first_observed: stamp(incident.firstSeen),
    last_observed: stamp(incident.lastSeen),
    number_observed: observedCount(incident.flowCount),
    object_refs: scos.map((object) => object.id),
  };
  const indicator = {
    type: "indicator",
    id: id("indicator"),
    ...common,
    name: `${TYPE_LABEL[incident.type]} from ${incident.sourceIp}`,
    description: `Reference #${incident.reference}: ${incident.flowCount} flows to ${incident.distinctTargets} destinations on ${port}/${incident.protocol}.`,
    indicator_types: ["anomalous-activity"],
    pattern: `[${addressType}:value = '${incident.sourceIp}']`,
    pattern_type: "stix",
    valid_from: stamp(incident.firstSeen),
  };
  const sighting = {
    type: "sighting",
    id: id("sighting"),
    ...common,
    first_seen: stamp(incident.firstSeen),
    last_seen: stamp(incident.lastSeen),
    count: observedCount(incident.flowCount),
    sighting_of_ref: indicator.id,
    observed_data_refs: [observed.id],
    where_sighted_refs: [identityId],
  };
  return [...scos, observed, indicator, sighting];
}

export function buildStixBundle(incidents: ExportIncident[], producer: ExportProducer) {
  const identityId = `identity--${uuidV5(`stix:identity:${producer.name}`, EXPORT_NAMESPACE)}`;
  const identity = {
    type: "identity",
    spec_version: "2.1",
    id: identityId,
    // Fixed, so the identity is the same object in every export.
    created: "2026-01-01T00:00:00.000Z",
    modified: "2026-01-01T00:00:00.000Z",
    name: producer.name,
    identity_class: "organization",
    sectors: ["education"],
  };
  const markings = [...new Set(incidents.map((incident) => incident.tlp))].map(tlp2MarkingDefinition);
  const ids = incidents.map((incident) => incident.id).sort();
  return {
    type: "bundle",
    id: `bundle--${uuidV5(`stix:bundle:${ids.join(",")}`, EXPORT_NAMESPACE)}`,
    // The same address (or file) in two incidents is one SCO: its id is made of its value.
    objects: [
      identity,
      ...markings,
      ...new Map(
        incidents.flatMap((incident) => incidentObjects(incident, identityId)).map((object) => [object.id, object]),
      ).values(),
    ],
  };
}
