import { describe, expect, it } from "vitest";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { checkMispEvent } from "@/test/support/misp-structure";
import { checkStixBundle } from "@/test/support/stix-structure";
import { buildMispEvent, buildMispEvents } from "./build-misp-event";
import { buildStixBundle, TLP2_MARKING_IDS } from "./build-stix-bundle";
import type { ExportIncident } from "./export-incident";
import { uuidV5 } from "./uuid-v5";

const producer = { name: "Example CSIRT" };

function incident(changes: Partial<ExportIncident> = {}): ExportIncident {
  return {
    id: "6f1c9b0e-2d4a-4c3b-9e8f-0a1b2c3d4e5f",
    reference: 1042,
    type: "SSH_SCAN",
    status: "NOTIFIED",
    severity: "HIGH",
    tlp: "AMBER",
    sourceIp: "192.0.2.45",
    port: 22,
    protocol: "tcp",
    firstSeen: new Date("2027-01-09T02:02:11.250Z"),
    lastSeen: new Date("2027-01-09T02:14:59Z"),
    flowCount: 18_321,
    distinctTargets: 4_096,
    summary: "192.0.2.45 was scanning for SSH.",
    createdAt: new Date("2027-01-09T02:15:03.120Z"),
    updatedAt: new Date("2027-01-09T02:20:00Z"),
    sample: {
      id: "0d9f8e7c-6b5a-4493-8271-605f4e3d2c1b",
      fileName: "csirt-1042-sample.txt",
      content: Buffer.from("2027-01-09 02:02:11.250 TCP 192.0.2.45:51000 -> 198.51.100.7:22\n"),
      sha256: "a".repeat(64),
      createdAt: new Date("2027-01-09T02:15:03.120Z"),
    },
    ...changes,
  };
}

describe("UUIDv5", () => {
  it("matches RFC 9562's construction (the DNS namespace example every implementation agrees on)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("MISP event", () => {
  it("passes the MISP core format checks, with the TLP tag and the attributes the issue asks for", () => {
    const document = buildMispEvent(incident(), producer);
    expect(checkMispEvent(document)).toEqual([]);
    const { Event } = document;
    expect(Event.Tag).toEqual([{ name: "tlp:amber" }]);
    expect(Event.distribution).toBe("0");
    expect(Event.threat_level_id).toBe("1");
    expect(Event.date).toBe("2027-01-09");
    const source = Event.Attribute.find((attribute) => attribute.type === "ip-src")!;
    expect(source).toMatchObject({ value: "192.0.2.45", to_ids: true, category: "Network activity" });
    expect(source.first_seen).toBe("2027-01-09T02:02:11.250Z");
    const sample = Event.Attribute.find((attribute) => attribute.type === "attachment")!;
    expect(Buffer.from(sample.data!, "base64").toString()).toContain("192.0.2.45:51000");
    const relations = Object.fromEntries(
      Event.Object[0]!.Attribute.map((attribute) => [attribute.object_relation, attribute.value]),
    );
    expect(relations).toEqual({
      "ip-src": "192.0.2.45",
      "dst-port": "22",
      "first-seen": "2027-01-09T02:02:11.250Z",
      "last-seen": "2027-01-09T02:14:59.000Z",
    });
  });

  it("writes each TLP 2.0 label as the taxonomy's tag, and CLEAR/GREEN reach further than AMBER", () => {
    const tags = (["CLEAR", "GREEN", "AMBER", "AMBER_STRICT"] as Tlp[]).map((tlp) => {
      const { Event } = buildMispEvent(incident({ tlp }), producer);
      expect(checkMispEvent({ Event })).toEqual([]);
      return [Event.Tag[0]!.name, Event.distribution];
    });
    expect(tags).toEqual([
      ["tlp:clear", "3"],
      ["tlp:green", "1"],
      ["tlp:amber", "0"],
      ["tlp:amber+strict", "0"],
    ]);
  });

  it("is stable: the same incident gives the same uuids; another incident other ones", () => {
    const once = buildMispEvent(incident(), producer);
    expect(buildMispEvent(incident(), producer)).toEqual(once);
    const other = buildMispEvent(incident({ id: "11111111-2222-4333-8444-555555555555" }), producer);
    expect(other.Event.uuid).not.toBe(once.Event.uuid);
    expect(buildMispEvents([incident()], producer).response[0]).toEqual(once);
  });

  it("leaves the attachment out when the sample may not go", () => {
    const { Event } = buildMispEvent(incident({ sample: null }), producer);
    expect(Event.Attribute.map((attribute) => attribute.type)).toEqual(["ip-src"]);
  });

  it("the checks themselves catch what the format forbids", () => {
    const { Event } = buildMispEvent(incident(), producer);
    const broken = structuredClone(Event) as unknown as Record<string, unknown> & {
      Attribute: Array<Record<string, unknown>>;
    };
    broken.info = "";
    broken.distribution = "5";
    broken.Attribute[0]!.category = "Other";
    broken.Attribute[1]!.data = undefined;
    broken.Tag = [];
    expect(checkMispEvent({ Event: broken })).toEqual([
      "Event: info is required",
      "Event: distribution must be 0 to 4",
      "Event: exactly one tlp: tag expected, found 0",
      'Attribute[0]: type "ip-src" is not allowed in category "Other"',
      "Attribute[1]: attachment needs its file as base64 in data",
    ]);
  });
});

describe("STIX 2.1 bundle", () => {
  it("passes the STIX 2.1 checks, with the objects the issue asks for", () => {
    const bundle = buildStixBundle([incident()], producer);
    expect(checkStixBundle(bundle)).toEqual([]);
    const byType = (type: string) =>
      bundle.objects.filter((object) => object.type === type) as Array<Record<string, unknown>>;
    expect(byType("identity")).toHaveLength(1);
    expect(byType("ipv4-addr")[0]).toMatchObject({ value: "192.0.2.45" });
    expect(byType("network-traffic")[0]).toMatchObject({ dst_port: 22, protocols: ["tcp"] });
    expect(byType("observed-data")[0]).toMatchObject({
      first_observed: "2027-01-09T02:02:11.250Z",
      last_observed: "2027-01-09T02:14:59.000Z",
      number_observed: 18_321,
    });
    expect(byType("indicator")[0]).toMatchObject({
      pattern: "[ipv4-addr:value = '192.0.2.45']",
      pattern_type: "stix",
      valid_from: "2027-01-09T02:02:11.250Z",
    });
    expect(byType("sighting")[0]!.sighting_of_ref).toBe(byType("indicator")[0]!.id);
    expect(byType("marking-definition")[0]).toMatchObject({ id: TLP2_MARKING_IDS.AMBER, name: "TLP:AMBER" });
    for (const object of [...byType("indicator"), ...byType("observed-data"), ...byType("sighting")])
      expect(object.object_marking_refs).toEqual([TLP2_MARKING_IDS.AMBER]);
  });

  it("uses ipv6-addr for an IPv6 source, and the spec's deterministic id for SCOs", () => {
    const bundle = buildStixBundle([incident({ sourceIp: "2001:db8::45" })], producer);
    expect(checkStixBundle(bundle)).toEqual([]);
    const address = bundle.objects.find((object) => object.type === "ipv6-addr")!;
    expect(address.id).toBe(`ipv6-addr--${uuidV5('{"value":"2001:db8::45"}', "00abedb4-aa42-466c-9c01-fed23315a9b7")}`);
    expect(bundle.objects.find((object) => object.type === "indicator")).toMatchObject({
      pattern: "[ipv6-addr:value = '2001:db8::45']",
    });
  });

  it("is stable across exports and holds several incidents with one marking-definition per label", () => {
    const two = [
      incident(),
      incident({ id: "11111111-2222-4333-8444-555555555555", reference: 1043, sourceIp: "192.0.2.46", tlp: "GREEN" }),
    ];
    const bundle = buildStixBundle(two, producer);
    expect(checkStixBundle(bundle)).toEqual([]);
    expect(buildStixBundle([...two].reverse(), producer).id).toBe(bundle.id);
    expect(buildStixBundle(two, producer)).toEqual(bundle);
    expect(bundle.objects.filter((object) => object.type === "marking-definition")).toHaveLength(2);
    expect(bundle.objects.filter((object) => object.type === "indicator")).toHaveLength(2);
  });

  it("caps number_observed at the spec's 999,999,999 and never writes 0", () => {
    const many = buildStixBundle([incident({ flowCount: 2_000_000_000 })], producer);
    const none = buildStixBundle([incident({ flowCount: 0 })], producer);
    const count = (bundle: typeof many) =>
      (bundle.objects.find((object) => object.type === "observed-data") as Record<string, unknown>).number_observed;
    expect([count(many), count(none)]).toEqual([999_999_999, 1]);
    expect(checkStixBundle(many)).toEqual([]);
  });

  it("the checks themselves catch what the spec forbids", () => {
    const bundle = buildStixBundle([incident()], producer);
    const objects = structuredClone(bundle.objects) as Array<Record<string, unknown>>;
    const observed = objects.find((object) => object.type === "observed-data")!;
    observed.first_observed = "2027-01-10T00:00:00Z";
    observed.number_observed = 0;
    const indicator = objects.find((object) => object.type === "indicator")!;
    indicator.created = "2027-01-09T02:15:03Z";
    delete indicator.valid_from;
    const problems = checkStixBundle({ ...bundle, objects });
    expect(problems).toEqual([
      `${observed.id}: last_observed is before first_observed`,
      `${observed.id}: number_observed must be 1 to 999,999,999`,
      `${indicator.id}: created must be a UTC timestamp with milliseconds (…:ss.sssZ)`,
      `${indicator.id}: indicator needs valid_from (a timestamp)`,
    ]);
  });
});
