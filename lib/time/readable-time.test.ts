import { describe, expect, it } from "vitest";
import { isTimeZone, readableDay, readablePeriod, readableTime } from "./readable-time";

describe("readable times", () => {
  it("reads a moment and a day as people write them, in UTC", () => {
    expect(readableTime(new Date("2027-01-09T02:12:41.500Z"))).toBe("9 January 2027, 02:12 UTC");
    expect(readableDay(new Date("2027-01-09T23:59:59Z"))).toBe("9 January 2027");
  });

  it("reads a period on one day, across days, and a single moment", () => {
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:12:41Z"))).toBe(
      "between 02:02 and 02:12 UTC on 9 January 2027",
    );
    expect(readablePeriod(new Date("2027-01-08T23:50:00Z"), new Date("2027-01-09T00:10:00Z"))).toBe(
      "between 23:50 UTC on 8 January 2027 and 00:10 UTC on 9 January 2027",
    );
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:02:50Z"))).toBe(
      "at 02:02 UTC on 9 January 2027",
    );
  });
});

describe("readable times in an organisation's time zone", () => {
  it("reads moments and periods in the zone, named as people there name it", () => {
    expect(readableTime(new Date("2027-01-09T02:12:41Z"), "Europe/Amsterdam")).toBe("9 January 2027, 03:12 CET");
    expect(readableTime(new Date("2027-07-09T02:12:41Z"), "Europe/London")).toBe("9 July 2027, 03:12 BST");
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:12:41Z"), "Europe/Amsterdam")).toBe(
      "between 03:02 and 03:12 CET on 9 January 2027",
    );
    // The day follows the zone: 23:30 UTC is already the next day in Amsterdam.
    expect(readableDay(new Date("2027-01-09T23:30:00Z"), "Europe/Amsterdam")).toBe("10 January 2027");
  });

  it("names both zones when a period crosses a clock change, and falls back to UTC for a zone it does not know", () => {
    expect(readablePeriod(new Date("2027-03-28T00:50:00Z"), new Date("2027-03-28T01:10:00Z"), "Europe/Amsterdam")).toBe(
      "between 01:50 CET and 03:10 CEST on 28 March 2027",
    );
    expect(readableTime(new Date("2027-01-09T02:12:41Z"), "Mars/Olympus_Mons")).toBe("9 January 2027, 02:12 UTC");
    expect(isTimeZone("Europe/Amsterdam")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("readable times in German", () => {
  it("writes days, moments and periods as German readers do, in the organisation's time zone", () => {
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:12:41Z"), "UTC", "de")).toBe(
      "zwischen 02:02 und 02:12 UTC am 9. Januar 2027",
    );
    expect(
      readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:12:41Z"), "Europe/Berlin", "de"),
    ).toBe("zwischen 03:02 und 03:12 MEZ am 9. Januar 2027");
    expect(
      readablePeriod(new Date("2027-03-28T00:50:00Z"), new Date("2027-03-28T01:10:00Z"), "Europe/Berlin", "de"),
    ).toBe("zwischen 01:50 MEZ und 03:10 MESZ am 28. März 2027");
    expect(readablePeriod(new Date("2027-01-08T23:50:00Z"), new Date("2027-01-09T00:10:00Z"), "UTC", "de")).toBe(
      "zwischen 23:50 UTC am 8. Januar 2027 und 00:10 UTC am 9. Januar 2027",
    );
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:02:50Z"), "UTC", "de")).toBe(
      "um 02:02 UTC am 9. Januar 2027",
    );
    expect(readableTime(new Date("2027-07-09T02:12:41Z"), "Europe/Berlin", "de")).toBe("9. Juli 2027, 04:12 MESZ");
    expect(readableDay(new Date("2027-01-09T23:30:00Z"), "Europe/Berlin", "de")).toBe("10. Januar 2027");
  });

  it("reads an unsupported language as English", () => {
    expect(readableTime(new Date("2027-01-09T02:12:41Z"), "UTC", "xx")).toBe("9 January 2027, 02:12 UTC");
  });
});
