import { describe, expect, it } from "vitest";
import { readableDay, readablePeriod, readableTime } from "./readable-time";

describe("readable times", () => {
  it("reads a moment and a day as people write them, in UTC", () => {
    expect(readableTime(new Date("2027-01-09T02:12:41.500Z"))).toBe("9 January 2027, 02:12 UTC");
    expect(readableDay(new Date("2027-01-09T23:59:59Z"))).toBe("9 January 2027");
  });

  it("reads a period on one day, across days, and a single moment", () => {
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:12:41Z"))).toBe("between 02:02 and 02:12 UTC on 9 January 2027");
    expect(readablePeriod(new Date("2027-01-08T23:50:00Z"), new Date("2027-01-09T00:10:00Z"))).toBe("between 23:50 UTC on 8 January 2027 and 00:10 UTC on 9 January 2027");
    expect(readablePeriod(new Date("2027-01-09T02:02:08Z"), new Date("2027-01-09T02:02:50Z"))).toBe("at 02:02 UTC on 9 January 2027");
  });
});
