import { describe, expect, it } from "vitest";
import { coverageGaps, flowsCounted, SLOT_MS } from "./stream-health";

const T = Date.UTC(2027, 0, 9, 0, 0, 0);
const file = (slot: number, slots = 1) => ({
  dataStart: new Date(T + slot * SLOT_MS + 1_000),
  dataEnd: new Date(T + (slot + slots) * SLOT_MS - 1_000),
});

describe("stream coverage", () => {
  it("finds the five-minute slots no file covered between the first and newest data", () => {
    const { missing, gaps } = coverageGaps([file(0), file(1), file(4), file(5, 2), file(9)], T - SLOT_MS);
    expect(missing).toBe(4);
    expect(gaps).toEqual([
      { from: new Date(T + 2 * SLOT_MS).toISOString(), to: new Date(T + 4 * SLOT_MS).toISOString() },
      { from: new Date(T + 7 * SLOT_MS).toISOString(), to: new Date(T + 9 * SLOT_MS).toISOString() },
    ]);
  });

  it("has no gaps for contiguous, overlapping or no files, and ignores what lies before the period", () => {
    expect(coverageGaps([file(0), file(1), file(1), file(2)], T).missing).toBe(0);
    expect(coverageGaps([], T)).toEqual({ missing: 0, gaps: [] });
    expect(coverageGaps([{ dataStart: null, dataEnd: null }], T).missing).toBe(0);
    expect(coverageGaps([file(-10), file(2)], T + SLOT_MS).missing).toBe(0);
  });

  it("counts flows that were neither repeats nor implausibly dated", () => {
    expect(flowsCounted({ flows: 1000, repeatedFlows: 300, implausibleFlows: 20 })).toBe(680);
  });
});
