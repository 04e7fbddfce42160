import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { countIncidentsPerDay } from "./count-incidents-per-day";
import { countOpenIncidents } from "./count-open-incidents";
import { formatDuration, getMedianResponseTimes } from "./get-median-response-times";
import { listTopOrganisations } from "./list-top-organisations";

const NOW = new Date("2027-03-31T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let sourceCounter = 0;

async function incident(
  organisationId: string,
  status: IncidentStatus,
  createdAgoMs: number,
  extra: { acknowledgedAfterMs?: number; resolvedAfterMs?: number } = {},
) {
  const createdAt = new Date(NOW.getTime() - createdAgoMs);
  sourceCounter++;
  return db.incident.create({
    data: {
      type: "SSH_SCAN",
      status,
      organisationId,
      sourceIp: `192.0.2.${sourceCounter}`,
      firstSeen: createdAt,
      lastSeen: createdAt,
      summary: "test",
      createdAt,
      acknowledgedAt:
        extra.acknowledgedAfterMs === undefined ? null : new Date(createdAt.getTime() + extra.acknowledgedAfterMs),
      resolvedAt: extra.resolvedAfterMs === undefined ? null : new Date(createdAt.getTime() + extra.resolvedAfterMs),
    },
  });
}

describe("dashboard figures", () => {
  it("are empty on an empty database", async () => {
    expect(await countOpenIncidents(db, { now: NOW })).toMatchObject({
      total: 0,
      byAge: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }],
    });
    const days = await countIncidentsPerDay(db, { now: NOW });
    expect(days).toHaveLength(30);
    expect(days.every((day) => day.count === 0)).toBe(true);
    expect(await listTopOrganisations(db)).toEqual([]);
    expect(await getMedianResponseTimes(db, { now: NOW })).toEqual({
      acknowledge: { medianSeconds: null, incidents: 0 },
      resolve: { medianSeconds: null, incidents: 0 },
    });
  });

  describe("on known data", () => {
    beforeAll(async () => {
      const college = await db.organisation.create({ data: { name: "Example College", slug: "example-college" } });
      const university = await db.organisation.create({
        data: { name: "Sample University", slug: "sample-university" },
      });
      const quiet = await db.organisation.create({ data: { name: "Quiet School", slug: "quiet-school" } });
      // Open, by age: 2 under a day, 1 at 1–7 days, 1 at 7–30 days, 1 beyond 30 days.
      await incident(college.id, "NEW", 2 * HOUR);
      await incident(college.id, "NEW", 23 * HOUR);
      await incident(college.id, "NOTIFIED", 3 * DAY);
      await incident(university.id, "REOPENED", 10 * DAY);
      await incident(university.id, "ACKNOWLEDGED", 40 * DAY, { acknowledgedAfterMs: 39 * DAY }); // acknowledged a day ago: 39 d
      // Closed ones: not open, but they count per day and for the medians.
      await incident(quiet.id, "RESOLVED", 5 * DAY, { acknowledgedAfterMs: 1 * HOUR, resolvedAfterMs: 10 * HOUR });
      await incident(quiet.id, "CLOSED", 6 * DAY, { acknowledgedAfterMs: 2 * HOUR, resolvedAfterMs: 20 * HOUR });
      await incident(quiet.id, "RESOLVED", 7 * DAY + HOUR, {
        acknowledgedAfterMs: 4 * HOUR,
        resolvedAfterMs: 30 * HOUR + 30_000,
      });
      // Outside the 30-day window for the medians: acknowledged and resolved 45 days ago.
      await incident(quiet.id, "CLOSED", 50 * DAY, { acknowledgedAfterMs: 100 * HOUR, resolvedAfterMs: 5 * DAY });
    });

    it("counts open incidents by status and by age", async () => {
      const open = await countOpenIncidents(db, { now: NOW });
      expect(open.total).toBe(5);
      expect(open.byStatus).toEqual([
        { status: "NEW", count: 2 },
        { status: "NOTIFIED", count: 1 },
        { status: "ACKNOWLEDGED", count: 1 },
        { status: "REOPENED", count: 1 },
      ]);
      expect(open.byAge.map((bucket) => [bucket.label, bucket.count])).toEqual([
        ["Less than 1 day", 2],
        ["1–7 days", 1],
        ["7–30 days", 1],
        ["More than 30 days", 1],
      ]);
    });

    it("counts incidents per UTC day over the last 30 days, zero-filled", async () => {
      const days = await countIncidentsPerDay(db, { now: NOW });
      expect(days).toHaveLength(30);
      expect(days[0]!.day).toBe("2027-03-02");
      expect(days.at(-1)!.day).toBe("2027-03-31");
      const nonZero = Object.fromEntries(days.filter((day) => day.count > 0).map((day) => [day.day, day.count]));
      // 2 h and 23 h ago (10:00 today, 13:00 yesterday), 3, 5, 6, 7 d 1 h and 10 days ago; 40 and 50 days are outside.
      expect(nonZero).toEqual({
        "2027-03-31": 1,
        "2027-03-30": 1,
        "2027-03-28": 1,
        "2027-03-26": 1,
        "2027-03-25": 1,
        "2027-03-24": 1,
        "2027-03-21": 1,
      });
      expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(7);
    });

    it("ranks organisations by open incidents, leaving out those with none", async () => {
      expect((await listTopOrganisations(db)).map((row) => [row.name, row.slug, row.openIncidents])).toEqual([
        ["Example College", "example-college", 3],
        ["Sample University", "sample-university", 2],
      ]);
      expect(await listTopOrganisations(db, { limit: 1 })).toHaveLength(1);
    });

    it("gives exact medians over the last 30 days", async () => {
      const medians = await getMedianResponseTimes(db, { now: NOW });
      // Acknowledged within 30 days: 1 h, 2 h, 4 h and 39 d → median (2 h + 4 h) / 2 = 3 h.
      expect(medians.acknowledge).toEqual({ medianSeconds: 3 * 3600, incidents: 4 });
      // Resolved within 30 days: 10 h, 20 h, 30 h 30 s → median 20 h.
      expect(medians.resolve).toEqual({ medianSeconds: 20 * 3600, incidents: 3 });
    });
  });
});

describe("formatDuration", () => {
  it.each([
    [45, "45 s"],
    [600, "10 min"],
    [3 * 3600, "3 h"],
    [3 * 3600 + 1200, "3 h 20 min"],
    [2 * 86400 + 4 * 3600, "2 d 4 h"],
  ])("%d s → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
