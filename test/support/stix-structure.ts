/**
 * Structure checks for STIX 2.1 bundles, written from the OASIS STIX 2.1 specification
 * (2021-06-10), for the objects this product exports. Returns every problem found, as
 * "<object id>: <what is wrong>"; an empty list means the bundle passes.
 *
 * - 2.7 identifier: `<object-type>--<UUID>` (RFC 4122 form; SCOs use UUIDv5, others SHOULD use v4 — v5 allowed).
 * - 2.9 timestamp: RFC 3339 in UTC with "Z"; `created`/`modified` MUST be exact to the millisecond.
 * - 3.2 common properties of SDOs/SROs: type, spec_version "2.1", id, created, modified (modified >= created).
 * - 4.x SDOs: identity (name), indicator (pattern, pattern_type, valid_from; valid_until > valid_from),
 *   observed-data (first_observed <= last_observed, number_observed 1..999,999,999, object_refs non-empty).
 * - 5.x SROs: sighting (sighting_of_ref an SDO id; count 0..999,999,999; first_seen <= last_seen).
 * - 6.x SCOs: ipv4-addr / ipv6-addr (value), network-traffic (protocols non-empty, src_ref or dst_ref,
 *   ports 0..65535, end >= start), artifact (payload_bin or url, not both).
 * - 7.2 marking-definition: id, created, and a definition or an extension (TLP 2.0).
 * - 8 bundle: type "bundle", id `bundle--<uuid>`, objects; every *_ref / *_refs resolves inside the bundle
 *   (our exports are self-contained).
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
const ID = new RegExp(`^([a-z0-9-]+)--(${UUID})$`);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const SDO_TYPES = new Set([
  "attack-pattern",
  "campaign",
  "course-of-action",
  "grouping",
  "identity",
  "incident",
  "indicator",
  "infrastructure",
  "intrusion-set",
  "location",
  "malware",
  "malware-analysis",
  "note",
  "observed-data",
  "opinion",
  "report",
  "threat-actor",
  "tool",
  "vulnerability",
]);
const SRO_TYPES = new Set(["relationship", "sighting"]);
const SCO_TYPES = new Set([
  "artifact",
  "autonomous-system",
  "directory",
  "domain-name",
  "email-addr",
  "email-message",
  "file",
  "ipv4-addr",
  "ipv6-addr",
  "mac-addr",
  "mutex",
  "network-traffic",
  "process",
  "software",
  "url",
  "user-account",
  "windows-registry-key",
  "x509-certificate",
]);

type StixObject = Record<string, unknown> & { type?: unknown; id?: unknown };

export function checkStixBundle(bundle: unknown): string[] {
  const problems: string[] = [];
  if (!bundle || typeof bundle !== "object") return ["the bundle is not an object"];
  const { type, id, objects } = bundle as Record<string, unknown>;
  if (type !== "bundle") problems.push(`bundle: type is ${String(type)}, not "bundle"`);
  if (typeof id !== "string" || ID.exec(id)?.[1] !== "bundle")
    problems.push(`bundle: id ${String(id)} is not bundle--<uuid>`);
  if (!Array.isArray(objects) || objects.length === 0) return [...problems, "bundle: objects must be a non-empty list"];
  const ids = new Set<string>();
  for (const object of objects as StixObject[]) {
    const where = typeof object.id === "string" ? object.id : "(an object without id)";
    if (typeof object.id === "string") {
      if (ids.has(object.id)) problems.push(`${where}: appears twice`);
      ids.add(object.id);
    }
    problems.push(...checkObject(object).map((problem) => `${where}: ${problem}`));
  }
  for (const object of objects as StixObject[])
    for (const ref of references(object))
      if (!ids.has(ref)) problems.push(`${String(object.id)}: refers to ${ref}, which is not in the bundle`);
  return problems;
}

function references(object: StixObject): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    if (key.endsWith("_ref") && typeof value === "string") return [value];
    if (key.endsWith("_refs") && Array.isArray(value))
      return value.filter((item): item is string => typeof item === "string");
    return [];
  });
}

const isTimestamp = (value: unknown) =>
  typeof value === "string" && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
const isInteger = (value: unknown, min: number, max: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

function checkObject(object: StixObject): string[] {
  const problems: string[] = [];
  const type = object.type;
  if (typeof type !== "string" || !/^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/.test(type))
    return [`type ${String(type)} is not a STIX type name`];
  const match = typeof object.id === "string" ? ID.exec(object.id) : null;
  if (!match) problems.push(`id ${String(object.id)} is not <type>--<uuid>`);
  else if (match[1] !== type) problems.push(`id names type ${match[1]}, the object is ${type}`);
  if (type === "marking-definition") return [...problems, ...checkMarking(object)];
  const isSco = SCO_TYPES.has(type);
  if (!isSco && !SDO_TYPES.has(type) && !SRO_TYPES.has(type))
    return [...problems, `type ${type} is not one this check knows`];
  if (isSco) {
    if (object.spec_version !== undefined && object.spec_version !== "2.1") problems.push("spec_version must be 2.1");
    if (match && match[2]![14] !== "5") problems.push("an SCO's id should be a UUIDv5 (deterministic)");
  } else {
    if (object.spec_version !== "2.1") problems.push('spec_version must be "2.1"');
    for (const key of ["created", "modified"] as const) {
      if (typeof object[key] !== "string" || !MILLISECONDS.test(object[key] as string))
        problems.push(`${key} must be a UTC timestamp with milliseconds (…:ss.sssZ)`);
    }
    if (typeof object.created === "string" && typeof object.modified === "string" && object.modified < object.created)
      problems.push("modified is before created");
  }
  if (object.object_marking_refs !== undefined) {
    const refs = object.object_marking_refs;
    if (
      !Array.isArray(refs) ||
      refs.some((ref) => typeof ref !== "string" || ID.exec(ref)?.[1] !== "marking-definition")
    )
      problems.push("object_marking_refs must list marking-definition ids");
  }
  switch (type) {
    case "identity":
      if (typeof object.name !== "string" || object.name === "") problems.push("identity needs a name");
      break;
    case "indicator":
      if (typeof object.pattern !== "string" || object.pattern === "") problems.push("indicator needs a pattern");
      if (typeof object.pattern_type !== "string") problems.push("indicator needs a pattern_type");
      if (!isTimestamp(object.valid_from)) problems.push("indicator needs valid_from (a timestamp)");
      if (
        object.valid_until !== undefined &&
        !(isTimestamp(object.valid_until) && String(object.valid_until) > String(object.valid_from))
      )
        problems.push("valid_until must be later than valid_from");
      if (
        object.pattern_type === "stix" &&
        typeof object.pattern === "string" &&
        !/^\[[a-z0-9-]+:[\w.]+ (=|!=|IN|MATCHES|LIKE) .+\]$/.test(object.pattern)
      )
        problems.push(`pattern ${object.pattern} is not a STIX comparison expression`);
      break;
    case "observed-data":
      if (!isTimestamp(object.first_observed)) problems.push("observed-data needs first_observed");
      if (!isTimestamp(object.last_observed)) problems.push("observed-data needs last_observed");
      if (
        isTimestamp(object.first_observed) &&
        isTimestamp(object.last_observed) &&
        Date.parse(String(object.last_observed)) < Date.parse(String(object.first_observed))
      )
        problems.push("last_observed is before first_observed");
      if (!isInteger(object.number_observed, 1, 999_999_999)) problems.push("number_observed must be 1 to 999,999,999");
      if (object.objects !== undefined) problems.push("objects is deprecated in 2.1: use object_refs");
      if (!Array.isArray(object.object_refs) || object.object_refs.length === 0)
        problems.push("observed-data needs object_refs");
      else if (object.object_refs.some((ref) => !SCO_TYPES.has(ID.exec(String(ref))?.[1] ?? "")))
        problems.push("object_refs of observed-data must be SCOs");
      break;
    case "sighting":
      if (typeof object.sighting_of_ref !== "string" || !SDO_TYPES.has(ID.exec(object.sighting_of_ref)?.[1] ?? ""))
        problems.push("sighting_of_ref must be an SDO id");
      if (object.count !== undefined && !isInteger(object.count, 0, 999_999_999))
        problems.push("count must be 0 to 999,999,999");
      if (
        isTimestamp(object.first_seen) &&
        isTimestamp(object.last_seen) &&
        Date.parse(String(object.last_seen)) < Date.parse(String(object.first_seen))
      )
        problems.push("last_seen is before first_seen");
      if (
        Array.isArray(object.observed_data_refs) &&
        object.observed_data_refs.some((ref) => ID.exec(String(ref))?.[1] !== "observed-data")
      )
        problems.push("observed_data_refs must be observed-data ids");
      break;
    case "ipv4-addr":
      if (typeof object.value !== "string" || !/^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(object.value))
        problems.push("ipv4-addr needs an IPv4 value");
      break;
    case "ipv6-addr":
      if (typeof object.value !== "string" || !object.value.includes(":"))
        problems.push("ipv6-addr needs an IPv6 value");
      break;
    case "network-traffic":
      if (!Array.isArray(object.protocols) || object.protocols.length === 0)
        problems.push("network-traffic needs protocols");
      else if (object.protocols.some((protocol) => typeof protocol !== "string" || protocol !== protocol.toLowerCase()))
        problems.push("protocols should be lower case");
      if (object.src_ref === undefined && object.dst_ref === undefined)
        problems.push("network-traffic needs src_ref or dst_ref");
      for (const key of ["src_port", "dst_port"] as const)
        if (object[key] !== undefined && !isInteger(object[key], 0, 65_535)) problems.push(`${key} must be 0 to 65535`);
      if (
        isTimestamp(object.start) &&
        isTimestamp(object.end) &&
        Date.parse(String(object.end)) < Date.parse(String(object.start))
      )
        problems.push("end is before start");
      break;
    case "artifact":
      if ((object.payload_bin === undefined) === (object.url === undefined))
        problems.push("artifact needs payload_bin or url (one of them)");
      if (
        object.payload_bin !== undefined &&
        (typeof object.payload_bin !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(object.payload_bin))
      )
        problems.push("payload_bin must be base64");
      break;
  }
  return problems;
}

function checkMarking(object: StixObject): string[] {
  const problems: string[] = [];
  if (object.spec_version !== "2.1") problems.push('spec_version must be "2.1"');
  if (typeof object.created !== "string" || !MILLISECONDS.test(object.created))
    problems.push("created must be a UTC timestamp with milliseconds");
  const extensions = object.extensions as Record<string, unknown> | undefined;
  if (object.definition === undefined && (!extensions || Object.keys(extensions).length === 0))
    problems.push("a marking-definition needs a definition or an extension");
  if (object.definition !== undefined && typeof object.definition_type !== "string")
    problems.push("definition needs definition_type");
  if (extensions)
    for (const key of Object.keys(extensions))
      if (ID.exec(key)?.[1] !== "extension-definition")
        problems.push(`extension key ${key} is not an extension-definition id`);
  return problems;
}
