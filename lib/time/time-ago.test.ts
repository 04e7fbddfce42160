import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

const now = new Date("2027-01-09T12:00:00Z");
const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("timeAgo", () => {
  it.each([
    [0, "just now"],
    [-30, "just now"],
    [59, "just now"],
    [60, "1 min ago"],
    [5 * 60 + 30, "5 min ago"],
    [59 * 60, "59 min ago"],
    [3600, "1 h ago"],
    [23 * 3600 + 3599, "23 h ago"],
    [86_400, "yesterday"],
    [3 * 86_400, "3 days ago"],
    [29 * 86_400, "29 days ago"],
    [30 * 86_400, "10 Dec 2026"],
  ])("%i s before is %j", (seconds, expected) => {
    expect(timeAgo(before(seconds), now)).toBe(expected);
  });
});
