import { describe, expect, it } from "vitest";
import { flowsToCsv, formatLogSample } from "@/lib/ingest/detect";
import type { FlowRecord } from "@/lib/ingest/flow";
import { binActivity, flowStartsFromCsv, flowStartsFromSample } from "./activity-over-time";

const t = (iso: string) => Date.parse(iso);

function flow(start: number): FlowRecord {
  return {
    start,
    end: start,
    protocol: "TCP",
    srcAddr: "192.0.2.45",
    srcPort: 40000,
    dstAddr: "198.51.100.1",
    dstPort: 22,
    tcpFlags: 2,
    packets: 1,
    bytes: 60,
    line: 1,
  } as FlowRecord;
}

describe("activity over time", () => {
  it("reads flow start times back from the flows CSV and the log sample", () => {
    const starts = [t("2027-01-09T02:02:41.250Z"), t("2027-01-09T02:03:00Z"), t("2027-01-10T00:00:01Z")];
    expect(flowStartsFromCsv(flowsToCsv(starts.map(flow)))).toEqual(starts);
    expect(flowStartsFromCsv("start,end\r\n")).toEqual([]);
    // The sample keeps whole seconds only.
    expect(
      flowStartsFromSample(formatLogSample(starts.slice(0, 2).map(flow), starts.slice(2).map(flow), { omitted: 5 })),
    ).toEqual([t("2027-01-09T02:02:41Z"), t("2027-01-09T02:03:00Z"), t("2027-01-10T00:00:01Z")]);
  });

  it("counts flows per minute with empty minutes in between", () => {
    const histogram = binActivity([t("2027-01-09T02:02:41Z"), t("2027-01-09T02:02:59Z"), t("2027-01-09T02:05:00Z")]);
    expect(histogram.bucketMinutes).toBe(1);
    expect(histogram.flows).toBe(3);
    expect(histogram.bins).toEqual([
      { start: t("2027-01-09T02:02:00Z"), count: 2 },
      { start: t("2027-01-09T02:03:00Z"), count: 0 },
      { start: t("2027-01-09T02:04:00Z"), count: 0 },
      { start: t("2027-01-09T02:05:00Z"), count: 1 },
    ]);
  });

  it("widens the bucket when the activity spans too long for one bar a minute", () => {
    const histogram = binActivity([t("2027-01-09T00:00:00Z"), t("2027-01-09T05:59:00Z")], { maxBars: 120 });
    expect(histogram.bucketMinutes).toBe(5);
    expect(histogram.bins).toHaveLength(72);
    expect(histogram.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
  });

  it("has no bars without flows", () => {
    expect(binActivity([]).bins).toEqual([]);
  });
});
