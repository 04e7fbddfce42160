/**
 * Structure checks for MISP events, written from the MISP core format (draft-dulaunoy-misp-core-format,
 * sections 2.2 Event, 2.3 Attribute, 2.4 Object, 2.6 Tag) and MISP's category/type table, for the
 * categories and types this product exports. Returns every problem found; empty means it passes.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = /^\d+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** MISP's category → allowed types, for the categories we use (from MISP's describeTypes). */
export const MISP_CATEGORY_TYPES: Record<string, readonly string[]> = {
  "Network activity": [
    "ip-src",
    "ip-dst",
    "ip-dst|port",
    "ip-src|port",
    "port",
    "hostname",
    "domain",
    "domain|ip",
    "mac-address",
    "email",
    "email-dst",
    "email-src",
    "url",
    "uri",
    "user-agent",
    "http-method",
    "AS",
    "snort",
    "pattern-in-file",
    "pattern-in-traffic",
    "stix2-pattern",
    "attachment",
    "comment",
    "text",
    "x509-fingerprint-sha1",
    "ja3-fingerprint-md5",
    "hassh-md5",
    "hasshserver-md5",
    "other",
    "hex",
    "cookie",
    "hostname|port",
    "bro",
    "zeek",
    "anonymised",
    "community-id",
  ],
  "Payload delivery": [
    "md5",
    "sha1",
    "sha256",
    "filename",
    "ip-src",
    "ip-dst",
    "hostname",
    "domain",
    "url",
    "attachment",
    "malware-sample",
    "comment",
    "text",
    "other",
  ],
  "External analysis": [
    "md5",
    "sha1",
    "sha256",
    "filename",
    "ip-src",
    "ip-dst",
    "hostname",
    "domain",
    "url",
    "attachment",
    "malware-sample",
    "link",
    "comment",
    "text",
    "other",
  ],
  Other: [
    "comment",
    "text",
    "other",
    "size-in-bytes",
    "counter",
    "datetime",
    "cpe",
    "port",
    "float",
    "hex",
    "phone-number",
    "boolean",
    "anonymised",
  ],
};

/** The FIRST TLP taxonomy's tags (TLP 2.0 and the 1.0 white). */
const TLP_TAGS = new Set(["tlp:clear", "tlp:white", "tlp:green", "tlp:amber", "tlp:amber+strict", "tlp:red"]);

type Json = Record<string, unknown>;

export function checkMispEvent(document: unknown): string[] {
  if (!document || typeof document !== "object" || !("Event" in document)) return ['the document has no "Event"'];
  const event = (document as { Event: Json }).Event;
  const problems: string[] = [];
  const uuids = new Set<string>();
  const uuidOf = (where: string, value: unknown) => {
    if (typeof value !== "string" || !UUID.test(value)) problems.push(`${where}: uuid ${String(value)} is not a UUID`);
    else if (uuids.has(value)) problems.push(`${where}: uuid ${value} is used twice`);
    else uuids.add(value);
  };
  uuidOf("Event", event.uuid);
  if (typeof event.info !== "string" || event.info.trim() === "") problems.push("Event: info is required");
  if (typeof event.date !== "string" || !DAY.test(event.date)) problems.push("Event: date must be YYYY-MM-DD");
  if (!["1", "2", "3", "4"].includes(String(event.threat_level_id)))
    problems.push("Event: threat_level_id must be 1 to 4");
  if (!["0", "1", "2"].includes(String(event.analysis))) problems.push("Event: analysis must be 0, 1 or 2");
  // An event cannot inherit (5); 4 (sharing group) needs the group.
  if (!["0", "1", "2", "3", "4"].includes(String(event.distribution)))
    problems.push("Event: distribution must be 0 to 4");
  if (String(event.distribution) === "4" && event.sharing_group_id === undefined)
    problems.push("Event: distribution 4 needs sharing_group_id");
  if (event.timestamp !== undefined && !EPOCH.test(String(event.timestamp)))
    problems.push("Event: timestamp must be seconds since the epoch");
  if (event.published !== undefined && typeof event.published !== "boolean")
    problems.push("Event: published must be a boolean");
  if (event.Orgc !== undefined) {
    const orgc = event.Orgc as Json;
    if (typeof orgc.name !== "string" || orgc.name === "") problems.push("Event: Orgc needs a name");
    if (orgc.uuid !== undefined) uuidOf("Orgc", orgc.uuid);
  }
  const tags = (event.Tag ?? []) as Json[];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag.name !== "string"))
    problems.push("Event: every Tag needs a name");
  const tlp = tags.filter((tag) => String(tag.name).startsWith("tlp:"));
  if (tlp.length !== 1) problems.push(`Event: exactly one tlp: tag expected, found ${tlp.length}`);
  else if (!TLP_TAGS.has(String(tlp[0]!.name))) problems.push(`Event: ${String(tlp[0]!.name)} is not a TLP tag`);

  const attributes = (event.Attribute ?? []) as Json[];
  if (!Array.isArray(attributes)) problems.push("Event: Attribute must be a list");
  else
    for (const [index, attribute] of attributes.entries())
      problems.push(...checkAttribute(`Attribute[${index}]`, attribute, uuidOf));
  const objects = (event.Object ?? []) as Json[];
  if (!Array.isArray(objects)) problems.push("Event: Object must be a list");
  else
    objects.forEach((object, index) => {
      const where = `Object[${index}]`;
      uuidOf(where, object.uuid);
      if (typeof object.name !== "string" || object.name === "") problems.push(`${where}: name is required`);
      if (typeof object["meta-category"] !== "string") problems.push(`${where}: meta-category is required`);
      if (typeof object.template_uuid !== "string" || !UUID.test(object.template_uuid))
        problems.push(`${where}: template_uuid must be a UUID`);
      if (!EPOCH.test(String(object.template_version))) problems.push(`${where}: template_version must be a number`);
      const inner = (object.Attribute ?? []) as Json[];
      if (!Array.isArray(inner) || inner.length === 0) problems.push(`${where}: an object needs attributes`);
      else
        inner.forEach((attribute, position) => {
          const at = `${where}.Attribute[${position}]`;
          if (typeof attribute.object_relation !== "string" || attribute.object_relation === "")
            problems.push(`${at}: object_relation is required in an object`);
          problems.push(...checkAttribute(at, attribute, uuidOf));
        });
    });
  return problems;
}

function checkAttribute(where: string, attribute: Json, uuidOf: (where: string, value: unknown) => void): string[] {
  const problems: string[] = [];
  uuidOf(where, attribute.uuid);
  const type = String(attribute.type);
  const category = String(attribute.category);
  const allowed = MISP_CATEGORY_TYPES[category];
  if (!allowed) problems.push(`${where}: category "${category}" is not one we check`);
  else if (!allowed.includes(type)) problems.push(`${where}: type "${type}" is not allowed in category "${category}"`);
  if (typeof attribute.value !== "string" || attribute.value === "")
    problems.push(`${where}: value must be a non-empty string`);
  if (typeof attribute.to_ids !== "boolean") problems.push(`${where}: to_ids must be a boolean`);
  if (!["0", "1", "2", "3", "4", "5"].includes(String(attribute.distribution)))
    problems.push(`${where}: distribution must be 0 to 5`);
  if (attribute.timestamp !== undefined && !EPOCH.test(String(attribute.timestamp)))
    problems.push(`${where}: timestamp must be epoch seconds`);
  const value = String(attribute.value);
  if (type === "ip-src" || type === "ip-dst") {
    if (!/^[\d.]+$|:/.test(value)) problems.push(`${where}: ${type} needs an IP address`);
  } else if (type === "port") {
    if (!/^\d+$/.test(value) || Number(value) > 65_535) problems.push(`${where}: port must be 0 to 65535`);
  } else if (type === "datetime") {
    if (!ISO_TIME.test(value)) problems.push(`${where}: datetime must be ISO 8601 with a zone`);
  } else if (type === "attachment" || type === "malware-sample") {
    if (typeof attribute.data !== "string" || attribute.data === "" || !BASE64.test(attribute.data))
      problems.push(`${where}: ${type} needs its file as base64 in data`);
  }
  for (const key of ["first_seen", "last_seen"] as const)
    if (attribute[key] !== undefined && attribute[key] !== null && !ISO_TIME.test(String(attribute[key])))
      problems.push(`${where}: ${key} must be ISO 8601`);
  if (
    typeof attribute.first_seen === "string" &&
    typeof attribute.last_seen === "string" &&
    Date.parse(attribute.last_seen) < Date.parse(attribute.first_seen)
  )
    problems.push(`${where}: last_seen is before first_seen`);
  return problems;
}
