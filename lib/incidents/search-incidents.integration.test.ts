import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";
import { parseIncidentQuery } from "./incident-query";
import { searchIncidents } from "./search-incidents";

let college: string;
let university: string;
let alice: string;
let bob: string;
const refs = new Map<string, number>();

async function incident(
  name: string,
  data: {
    organisationId: string;
    sourceIp: string;
    status?: IncidentStatus;
    type?: IncidentType;
    lastSeen: string;
    flowCount?: number;
    assigneeId?: string;
  },
) {
  const created = await db.incident.create({
    data: {
      type: data.type ?? "SSH_SCAN",
      status: data.status ?? "NEW",
      organisationId: data.organisationId,
      sourceIp: data.sourceIp,
      port: 22,
      firstSeen: new Date(data.lastSeen),
      lastSeen: new Date(data.lastSeen),
      flowCount: data.flowCount ?? 100,
      summary: `incident ${name}`,
      assigneeId: data.assigneeId ?? null,
    },
  });
  refs.set(name, created.reference);
}

/** Every status unless the test names some: the queue itself opens on the open ones (tested below). */
async function search(params: Record<string, string | string[]>, viewerId = alice) {
  const { query } = parseIncidentQuery({ status: "all", ...params });
  const result = await searchIncidents(db, { query, viewerId });
  return { ...result, names: result.rows.map((row) => row.summary.replace("incident ", "")) };
}

beforeAll(async () => {
  college = (
    await db.organisation.create({
      data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
    })
  ).id;
  university = (
    await db.organisation.create({
      data: {
        name: "Sample University",
        slug: "sample-university",
        blocks: { create: [{ network: "198.51.100.0/24" }, { network: "2001:db8:10::/48" }] },
      },
    })
  ).id;
  alice = (await db.user.create({ data: { email: "alice@csirt.example", name: "Alice", role: "ANALYST" } })).id;
  bob = (await db.user.create({ data: { email: "bob@csirt.example", name: "Bob", role: "ADMIN" } })).id;
  await incident("a", {
    organisationId: college,
    sourceIp: "192.0.2.45",
    lastSeen: "2027-01-09T02:12:41Z",
    flowCount: 300,
    assigneeId: alice,
  });
  await incident("b", {
    organisationId: college,
    sourceIp: "192.0.2.77",
    status: "ACKNOWLEDGED",
    lastSeen: "2027-01-10T08:00:00Z",
    flowCount: 50,
  });
  await incident("c", {
    organisationId: university,
    sourceIp: "198.51.100.23",
    status: "CLOSED",
    type: "SSH_BRUTE_FORCE_REPORT",
    lastSeen: "2027-01-08T00:00:00Z",
    flowCount: 2,
    assigneeId: bob,
  });
  await incident("d", {
    organisationId: university,
    sourceIp: "2001:db8:10:1::99",
    lastSeen: "2027-01-11T23:59:59.999Z",
    flowCount: 120,
  });
  await incident("e", {
    organisationId: university,
    sourceIp: "2001:db8:20::1",
    status: "RESOLVED",
    lastSeen: "2027-01-12T00:00:00Z",
    flowCount: 7,
  });
});

describe("incident queue search", () => {
  it("lists everything, most recent activity first, with counts per status", async () => {
    const result = await search({});
    expect(result.names).toEqual(["e", "d", "b", "a", "c"]);
    expect(result.total).toBe(5);
    expect(result.statusCounts).toEqual({ NEW: 2, NOTIFIED: 0, ACKNOWLEDGED: 1, RESOLVED: 1, CLOSED: 1, REOPENED: 0 });
    expect(result.rows[1]).toMatchObject({
      sourceIp: "2001:db8:10:1::99",
      organisationName: "Sample University",
      assigneeName: null,
      flowCount: 120,
      port: 22,
    });
    expect(result.rows[3]).toMatchObject({ sourceIp: "192.0.2.45", assigneeName: "Alice" });
    expect(result.rows[0]!.lastSeen).toBeInstanceOf(Date);
  });

  it("opens on the Open tab: resolved and closed incidents only under All, counts for every status", async () => {
    const { query } = parseIncidentQuery({});
    const result = await searchIncidents(db, { query, viewerId: alice });
    expect(result.rows.map((row) => row.summary)).toEqual(["incident d", "incident b", "incident a"]);
    expect(result.total).toBe(3);
    expect(result.statusCounts.CLOSED).toBe(1);
    expect(result.attentionCount).toBe(0);
  });

  it("finds a source by exact IPv4 and IPv6 address", async () => {
    expect((await search({ q: "192.0.2.45" })).names).toEqual(["a"]);
    expect((await search({ q: "2001:DB8:10:1:0::99" })).names).toEqual(["d"]);
    expect((await search({ q: "192.0.2.4" })).names).toEqual([]);
  });

  it("finds every source inside an IPv4 or IPv6 block", async () => {
    expect((await search({ q: "192.0.2.0/24" })).names).toEqual(["b", "a"]);
    expect((await search({ q: "192.0.2.64/26" })).names).toEqual(["b"]);
    expect((await search({ q: "2001:db8::/32" })).names).toEqual(["e", "d"]);
    expect((await search({ q: "2001:db8:10::/48" })).names).toEqual(["d"]);
    expect((await search({ q: "0.0.0.0/0" })).names).toEqual(["b", "a", "c"]);
  });

  it("finds by reference, with or without #", async () => {
    expect((await search({ q: String(refs.get("c")) })).names).toEqual(["c"]);
    expect((await search({ q: `#${refs.get("d")}` })).names).toEqual(["d"]);
  });

  it("answers nonsense in the search box with nothing and no query", async () => {
    const result = await search({ q: "not an address" });
    expect(result.rows).toEqual([]);
    expect(result.total).toBe(0);
  });

  it("filters by status (several), type, organisation, assignee and last-seen day, counting statuses without the status filter", async () => {
    const statuses = await search({ status: ["NEW", "CLOSED"] });
    expect(statuses.names).toEqual(["d", "a", "c"]);
    expect(statuses.total).toBe(3);
    expect(statuses.statusCounts.ACKNOWLEDGED).toBe(1);

    expect((await search({ type: "SSH_BRUTE_FORCE_REPORT" })).names).toEqual(["c"]);
    const university_ = await search({ org: university });
    expect(university_.names).toEqual(["e", "d", "c"]);
    expect(university_.statusCounts).toEqual({
      NEW: 1,
      NOTIFIED: 0,
      ACKNOWLEDGED: 0,
      RESOLVED: 1,
      CLOSED: 1,
      REOPENED: 0,
    });

    expect((await search({ assignee: "me" }, alice)).names).toEqual(["a"]);
    // Filters the kept counts cannot answer are counted from the incidents themselves.
    expect((await search({ assignee: "me", status: "CLOSED" }, alice)).statusCounts).toEqual({
      NEW: 1,
      NOTIFIED: 0,
      ACKNOWLEDGED: 0,
      RESOLVED: 0,
      CLOSED: 0,
      REOPENED: 0,
    });
    expect((await search({ org: university, q: "2001:db8::/32" })).statusCounts).toEqual({
      NEW: 1,
      NOTIFIED: 0,
      ACKNOWLEDGED: 0,
      RESOLVED: 1,
      CLOSED: 0,
      REOPENED: 0,
    });
    expect((await search({ assignee: "me" }, bob)).names).toEqual(["c"]);
    expect((await search({ assignee: bob })).names).toEqual(["c"]);
    expect((await search({ assignee: "unassigned" })).names).toEqual(["e", "d", "b"]);

    // Whole UTC days, both ends included.
    expect((await search({ from: "2027-01-09", to: "2027-01-11" })).names).toEqual(["d", "b", "a"]);
    expect((await search({ from: "2027-01-12" })).names).toEqual(["e"]);
    expect((await search({ to: "2027-01-08" })).names).toEqual(["c"]);

    const combined = await search({ q: "192.0.2.0/24", status: "NEW", assignee: "me" });
    expect(combined.names).toEqual(["a"]);
    expect(combined.statusCounts).toMatchObject({ NEW: 1, ACKNOWLEDGED: 0 });
  });

  it("sorts by reference, flows and status both ways, and pages without overlap", async () => {
    expect((await search({ sort: "reference", dir: "asc" })).names).toEqual(["a", "b", "c", "d", "e"]);
    expect((await search({ sort: "flows" })).names).toEqual(["a", "d", "b", "e", "c"]);
    expect((await search({ sort: "flows", dir: "asc" })).names).toEqual(["c", "e", "b", "d", "a"]);
    // Enum order (NEW, NOTIFIED, ACKNOWLEDGED, RESOLVED, CLOSED, REOPENED), newest first within a status.
    expect((await search({ sort: "status" })).names).toEqual(["d", "a", "b", "e", "c"]);
    expect((await search({ sort: "status", dir: "desc" })).names).toEqual(["c", "e", "b", "a", "d"]);

    // Keyset pages: forwards with the next cursors, then backwards with the previous ones, in every order.
    const summaries = (result: { rows: Array<{ summary: string }> }) =>
      result.rows.map((row) => row.summary.replace("incident ", ""));
    for (const sort of ["lastSeen", "reference", "flows", "status"] as const)
      for (const dir of ["asc", "desc"] as const) {
        const { query } = parseIncidentQuery({ sort, dir, status: "all" });
        const whole = summaries(await searchIncidents(db, { query, viewerId: alice }));
        expect(whole).toHaveLength(5);
        const pages = [await searchIncidents(db, { query: { ...query, size: 2 }, viewerId: alice })];
        expect(pages[0]!.previousCursor).toBeNull();
        while (pages.at(-1)!.nextCursor)
          pages.push(
            await searchIncidents(db, {
              query: { ...query, size: 2, after: pages.at(-1)!.nextCursor! },
              viewerId: alice,
            }),
          );
        expect(pages.map(summaries), `${sort} ${dir}`).toEqual([whole.slice(0, 2), whole.slice(2, 4), whole.slice(4)]);
        expect(pages.map((page) => page.paged)).toEqual([false, true, true]);
        const back = [pages.at(-1)!];
        while (back.at(-1)!.previousCursor)
          back.push(
            await searchIncidents(db, {
              query: { ...query, size: 2, before: back.at(-1)!.previousCursor! },
              viewerId: alice,
            }),
          );
        expect(back.map(summaries), `${sort} ${dir} backwards`).toEqual([
          whole.slice(4),
          whole.slice(2, 4),
          whole.slice(0, 2),
        ]);
        expect(back.at(-1)!.nextCursor).not.toBeNull();
      }
    // A cursor issued for another sort, or not one of ours, is dropped: the first page.
    const { query } = parseIncidentQuery({ sort: "flows", status: "all" });
    const second = (await searchIncidents(db, { query: { ...query, size: 2 }, viewerId: alice })).nextCursor!;
    for (const after of [second, "bm90LWEtY3Vyc29y"]) {
      const page = await searchIncidents(db, {
        query: { ...query, size: 2, sort: "reference", after },
        viewerId: alice,
      });
      expect(page.paged).toBe(false);
      expect(page.previousCursor).toBeNull();
    }
  });
});
