import { describe, expect, it } from "vitest";
import { parseCalendarDay } from "./calendar-day";

describe("parseCalendarDay", () => {
  it("reads real days within the range", () => {
    expect(parseCalendarDay("2026-11-28")?.toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(parseCalendarDay("2024-02-29")).not.toBeNull();
  });

  it.each([
    "9999-12-31",
    "0000-01-01",
    "1969-12-31",
    "3000-01-01",
    "2023-02-29",
    "2026-13-01",
    "2026-1-1",
    "+02026-01-01",
    "",
  ])("refuses %j", (text) => {
    expect(parseCalendarDay(text)).toBeNull();
  });
});
