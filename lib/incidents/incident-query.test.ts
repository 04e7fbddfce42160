import { describe, expect, it } from "vitest";
import {
  FIRST_PAGE,
  hasFilters,
  incidentQueryString,
  parseIncidentQuery,
  parseIncidentSearch,
  queueSortLinks,
  queueTabHref,
  queueTabOf,
} from "./incident-query";

describe("parseIncidentSearch", () => {
  it.each([
    ["", { kind: "none" }],
    ["  ", { kind: "none" }],
    ["1234", { kind: "reference", reference: 1234 }],
    ["#1234", { kind: "reference", reference: 1234 }],
    ["192.0.2.45", { kind: "ip", ip: "192.0.2.45" }],
    ["2001:DB8:10:1:0:0:0:99", { kind: "ip", ip: "2001:db8:10:1::99" }],
    ["[2001:db8::1]", { kind: "ip", ip: "2001:db8::1" }],
    ["::ffff:192.0.2.45", { kind: "ip", ip: "192.0.2.45" }],
    ["[::FFFF:c000:22d]", { kind: "ip", ip: "192.0.2.45" }],
    ["::ffff:192.0.2.0/120", { kind: "cidr", cidr: "192.0.2.0/24" }],
    ["192.0.2.0/24", { kind: "cidr", cidr: "192.0.2.0/24" }],
    ["2001:db8:10::/48", { kind: "cidr", cidr: "2001:db8:10::/48" }],
    ["192.0.2.7/24", { kind: "cidr", cidr: "192.0.2.0/24", normalisedFrom: "192.0.2.7/24" }],
  ])("%j", (input, expected) => {
    expect(parseIncidentSearch(input)).toEqual(expected);
  });

  it.each(["hello", "192.0.2.256", "192.0.2.0/33", "10.0.0.1/x", "#0", "#99999999999", "DROP TABLE"])(
    "%j is refused with a message",
    (input) => {
      const search = parseIncidentSearch(input);
      expect(search.kind).toBe("invalid");
      if (search.kind === "invalid") expect(search.message).toMatch(/\S/);
    },
  );
});

describe("parseIncidentQuery", () => {
  it("defaults to the most recent activity first, page 1", () => {
    const { query, problems } = parseIncidentQuery({});
    expect(query).toMatchObject({
      statuses: ["NEW", "NOTIFIED", "ACKNOWLEDGED", "REOPENED"],
      needsAttention: false,
      sort: "lastSeen",
      dir: "desc",
      after: undefined,
      size: 50,
      q: "",
    });
    expect(problems).toEqual([]);
    expect(incidentQueryString(query)).toBe("");
  });

  it("reads every filter and writes the same URL back", () => {
    const params = {
      q: "192.0.2.0/24",
      status: ["NEW", "REOPENED"],
      type: "SSH_SCAN",
      org: "3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01",
      assignee: "me",
      from: "2027-01-01",
      to: "2027-01-31",
      sort: "flows",
      dir: "asc",
      size: "25",
      after: "eyJzIjoiZmxvd3MifQ",
    };
    const { query, problems } = parseIncidentQuery(params);
    expect(problems).toEqual([]);
    expect(query.search).toEqual({ kind: "cidr", cidr: "192.0.2.0/24" });
    expect([...new URLSearchParams(incidentQueryString(query))]).toEqual([
      ...new URLSearchParams(
        "q=192.0.2.0%2F24&status=NEW&status=REOPENED&type=SSH_SCAN&org=3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01&assignee=me&from=2027-01-01&to=2027-01-31&sort=flows&dir=asc&size=25&after=eyJzIjoiZmxvd3MifQ",
      ),
    ]);
    expect(incidentQueryString(query, FIRST_PAGE)).not.toContain("after=");
    expect(incidentQueryString(query, { after: undefined, before: "abc" })).toContain("before=abc");
  });

  it("opens on the Open tab; All and Needs attention are tabs with their own short URLs", () => {
    const open = parseIncidentQuery({}).query;
    expect(queueTabOf(open)).toBe("open");
    expect(queueTabHref(open, "open")).toBe("/incidents");
    expect(queueTabHref(open, "all")).toBe("/incidents?status=all");
    expect(queueTabHref(open, "attention")).toBe("/incidents?attention=1");
    const attention = parseIncidentQuery({ attention: "1" }).query;
    expect(attention).toMatchObject({ statuses: [], needsAttention: true });
    expect(queueTabOf(attention)).toBe("attention");
    expect(queueTabOf(parseIncidentQuery({ status: "all" }).query)).toBe("all");
    expect(hasFilters(attention)).toBe(false);
    // The filter form sends "all" beside its boxes: some ticked means those, none ticked means every status.
    expect(parseIncidentQuery({ status: ["all", "CLOSED"] }).query.statuses).toEqual(["CLOSED"]);
    expect(parseIncidentQuery({ status: ["all"], attention: "1" }).query).toMatchObject({
      statuses: [],
      needsAttention: true,
    });
    const closed = parseIncidentQuery({ status: "CLOSED" }).query;
    expect(queueTabOf(closed)).toBeNull();
    expect(hasFilters(closed)).toBe(true);
    // A search finds an incident whatever became of it.
    expect(parseIncidentQuery({ q: "#12" }).query.statuses).toEqual([]);
    expect(incidentQueryString(parseIncidentQuery({ q: "#12" }).query)).toBe("?q=%2312");
    // An ingest run's incidents: every status; a malformed run id is dropped with a note.
    const run = parseIncidentQuery({ run: "3F1E8D3A-5A8E-4D4B-9D55-2C1D2B1C0A01" }).query;
    expect(run).toMatchObject({ run: "3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01", statuses: [] });
    expect(incidentQueryString(run)).toBe("?run=3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01");
    expect(parseIncidentQuery({ run: "nope" }).problems).toEqual(["Unknown ingest run ignored."]);
    // Statuses come back in workflow order, so equal views have equal URLs.
    expect(incidentQueryString(parseIncidentQuery({ status: ["REOPENED", "NEW"] }).query)).toBe(
      "?status=NEW&status=REOPENED",
    );
  });

  it("drops malformed values with a note instead of failing", () => {
    const { query, problems } = parseIncidentQuery({
      status: "BOGUS",
      org: "x".repeat(201),
      assignee: "x",
      from: "2027-02-30",
      sort: "evil",
      after: "not a cursor!",
      size: "7",
    });
    expect(query).toMatchObject({
      statuses: ["NEW", "NOTIFIED", "ACKNOWLEDGED", "REOPENED"],
      organisation: undefined,
      organisationId: undefined,
      assignee: undefined,
      lastSeenFrom: undefined,
      sort: "lastSeen",
      after: undefined,
      size: 50,
    });
    expect(problems).toHaveLength(5);
  });

  it("keeps an organisation named by slug or name for the page to look up, and takes an id as the id", () => {
    expect(parseIncidentQuery({ org: " example-college " }).query).toMatchObject({
      organisation: "example-college",
      organisationId: undefined,
    });
    expect(parseIncidentQuery({ org: "3F1E8D3A-5A8E-4D4B-9D55-2C1D2B1C0A01" }).query.organisationId).toBe(
      "3f1e8d3a-5a8e-4d4b-9d55-2c1d2b1c0a01",
    );
  });

  it("drops dates the database could not take (the day after 9999-12-31, year 0) with a note", () => {
    const { query, problems } = parseIncidentQuery({ from: "0000-01-01", to: "9999-12-31" });
    expect([query.lastSeenFrom, query.lastSeenTo]).toEqual([undefined, undefined]);
    expect(problems).toEqual([
      '"0000-01-01" is not a date (YYYY-MM-DD) between 1970 and 2999; the start of the range is ignored.',
      '"9999-12-31" is not a date (YYYY-MM-DD) between 1970 and 2999; the end of the range is ignored.',
    ]);
  });

  it("ignores an organisation filter with control characters (PostgreSQL refuses NUL in text)", () => {
    const { query, problems } = parseIncidentQuery({ org: "Example\u0000College" });
    expect(query.organisation).toBeUndefined();
    expect(problems).toEqual(["The organisation filter contains control characters; it is ignored."]);
  });

  it("takes a reference search only within the reference column's range", () => {
    expect(parseIncidentSearch("#2147483647")).toEqual({ kind: "reference", reference: 2_147_483_647 });
    expect(parseIncidentSearch("2147483648")).toMatchObject({ kind: "invalid" });
  });

  it("swaps a backwards date range", () => {
    const { query } = parseIncidentQuery({ from: "2027-02-01", to: "2027-01-01" });
    expect([query.lastSeenFrom, query.lastSeenTo]).toEqual(["2027-01-01", "2027-02-01"]);
  });
});

describe("queue sort links", () => {
  it("offer each column's default direction, reverse the current one, and go back to page 1", () => {
    const { query } = parseIncidentQuery({ status: "NEW", sort: "flows", dir: "desc", after: "abc" });
    const links = queueSortLinks(query);
    expect(links.flows).toMatchObject({
      current: "desc",
      alignRight: true,
      href: "/incidents?status=NEW&sort=flows&dir=asc",
    });
    expect(links.reference).toMatchObject({ label: "Reference", href: "/incidents?status=NEW&sort=reference" });
    expect(links.reference.current).toBeUndefined();
    expect(links.status.href).toBe("/incidents?status=NEW&sort=status");
    expect(links.lastSeen.href).toBe("/incidents?status=NEW");
  });
});
