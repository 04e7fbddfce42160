import { describe, expect, it } from "vitest";
import { localClock, nextDigestAt, nextLocalMidnight, parseTimeOfDay, startOfLocalDay } from "./digest-schedule";

const daily = (timeZone: string, minute = 480) =>
  ({ deliveryMode: "DAILY", digestAtMinute: minute, digestEveryHours: null, timeZone }) as const;

describe("digest schedule", () => {
  it("sends a daily digest at the organisation's local time, winter and summer", () => {
    expect(nextDigestAt(daily("Europe/Amsterdam"), new Date("2027-01-09T02:00:00Z"))).toEqual(
      new Date("2027-01-09T07:00:00Z"),
    );
    expect(nextDigestAt(daily("Europe/Amsterdam"), new Date("2027-07-09T02:00:00Z"))).toEqual(
      new Date("2027-07-09T06:00:00Z"),
    );
    // Past today's time: tomorrow's.
    expect(nextDigestAt(daily("Europe/Amsterdam"), new Date("2027-01-09T07:00:00Z"))).toEqual(
      new Date("2027-01-10T07:00:00Z"),
    );
    expect(nextDigestAt(daily("America/New_York", 1410), new Date("2027-01-09T12:00:00Z"))).toEqual(
      new Date("2027-01-10T04:30:00Z"),
    );
  });

  it("crosses a daylight-saving change on the wall clock", () => {
    // Europe/London goes to BST at 01:00 UTC on 28 March 2027.
    expect(nextDigestAt(daily("Europe/London"), new Date("2027-03-27T09:00:00Z"))).toEqual(
      new Date("2027-03-28T07:00:00Z"),
    );
  });

  it("counts every N hours from local midnight", () => {
    const schedule = {
      deliveryMode: "EVERY_N_HOURS",
      digestEveryHours: 6,
      digestAtMinute: null,
      timeZone: "Asia/Tokyo",
    } as const;
    // 13:30 in Tokyo → 18:00 Tokyo = 09:00 UTC.
    expect(nextDigestAt(schedule, new Date("2027-01-09T04:30:00Z"))).toEqual(new Date("2027-01-09T09:00:00Z"));
    // 23:00 in Tokyo → midnight.
    expect(nextDigestAt(schedule, new Date("2027-01-09T14:00:00Z"))).toEqual(new Date("2027-01-09T15:00:00Z"));
  });

  it("has no digest for an organisation told at once, and reads times of day", () => {
    expect(
      nextDigestAt(
        { deliveryMode: "IMMEDIATE", digestAtMinute: null, digestEveryHours: null, timeZone: "UTC" },
        new Date(),
      ),
    ).toBeNull();
    expect(parseTimeOfDay("08:00")).toBe(480);
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("8am")).toBeNull();
    expect(localClock(new Date("2027-01-09T07:00:00Z"), "Europe/Amsterdam")).toBe("08:00");
    expect(startOfLocalDay(new Date("2027-01-09T02:00:00Z"), "America/New_York")).toEqual(
      new Date("2027-01-08T05:00:00Z"),
    );
    expect(nextLocalMidnight(new Date("2027-01-09T02:00:00Z"), "Europe/Amsterdam")).toEqual(
      new Date("2027-01-09T23:00:00Z"),
    );
  });
});
