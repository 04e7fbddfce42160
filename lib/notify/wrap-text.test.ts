import { describe, expect, it } from "vitest";
import { wrapText } from "./wrap-text";

describe("wrapText", () => {
  it("wraps the seed's summary sentence within the width, words whole and in order", () => {
    const summary =
      "An IP at Example College, 192.0.2.45 was scanning for port 22/tcp sending at least 1234 flows between 2027-01-09T02:02:08+00:00 and 2027-01-09T02:12:41+00:00.";
    const wrapped = wrapText(summary, 78);
    expect(wrapped.split("\n").every((line) => line.length <= 78)).toBe(true);
    expect(wrapped.replace(/\n/g, " ")).toBe(summary);
    expect(wrapped.split("\n")).toHaveLength(3);
  });

  it("keeps line breaks and puts a word longer than the line on its own", () => {
    const url = `https://csirt.example/respond/${"x".repeat(90)}`;
    expect(wrapText(`first line\nsee ${url} now`, 40)).toBe(`first line\nsee\n${url}\nnow`);
  });
});
