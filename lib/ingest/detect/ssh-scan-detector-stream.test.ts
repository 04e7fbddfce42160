import { describe, expect, it } from "vitest";
import { AddressBlockIndex } from "../../net/address-block-index";
import type { FlowRecord } from "../flow";
import { resolveDetectionSettings } from "./settings";
import { SshScanDetector, type DetectorState } from "./ssh-scan-detector";
import { MINUTE, SECOND, T0, flow, ipv4Target, probes } from "./test-support";

const index = new AddressBlockIndex([
  { cidr: "192.0.2.0/24", organisationId: "example-college", blockId: "college-v4" },
]);
const settings = resolveDetectionSettings({});

/** `perMinute` new targets a minute from src, for `minutes` minutes from `start`. */
function steadyScan(src: string, perMinute: number, minutes: number, start = T0, firstTarget = 0): FlowRecord[] {
  const count = perMinute * minutes;
  return Array.from({ length: count }, (_, i) =>
    flow({
      start: start + Math.floor((i * MINUTE) / perMinute),
      srcAddr: src,
      srcPort: 20000 + ((firstTarget + i) % 40000),
      dstAddr: ipv4Target(firstTarget + i),
    }),
  );
}

/** Runs each file through a detector that continues from the previous file's state (through JSON, as stored). */
function detectFiles(files: FlowRecord[][]) {
  let state: DetectorState | undefined;
  return files.map((file, i) => {
    const detector = new SshScanDetector({ index, settings, state });
    for (let offset = 0; offset < file.length; offset += 500) detector.push(file.slice(offset, offset + 500));
    const found = detector.finish();
    state = JSON.parse(JSON.stringify(detector.exportState(`file-${i}`))) as DetectorState;
    return { found, stats: detector.stats() };
  });
}

function fiveMinuteFiles(flows: FlowRecord[], start = T0): FlowRecord[][] {
  const files: FlowRecord[][] = [[], [], []];
  for (const f of flows) files[Math.min(2, Math.floor((f.start - start) / (5 * MINUTE)))]!.push(f);
  return files;
}

describe("SshScanDetector across the files of a stream", () => {
  it("raises a scanner whose N targets within W only come together across rotated files, with exact figures", () => {
    const scan = steadyScan("192.0.2.45", 15, 15);
    const files = fiveMinuteFiles(scan);
    expect(files.map((file) => file.length)).toEqual([75, 75, 75]);
    // Alone, no file reaches N = 100.
    for (const file of files) expect(detectFiles([file])[0]!.found).toEqual([]);

    const [first, second, third] = detectFiles(files);
    expect(first!.found).toEqual([]);
    expect(second!.found).toHaveLength(1);
    // Qualifies in the second file with every flow of the window, the first file's included.
    expect(second!.found[0]).toMatchObject({ sourceIp: "192.0.2.45", flows: 150, distinctTargets: 150, firstSeen: T0 });
    expect(third!.found[0]).toMatchObject({ flows: 75, distinctTargets: 75, firstSeen: T0 + 10 * MINUTE });
  });

  it("raises nothing for a slower host in the same files", () => {
    const slow = steadyScan("192.0.2.46", 8, 15);
    expect(detectFiles(fiveMinuteFiles(slow)).flatMap((result) => result.found)).toEqual([]);
  });

  it("does not split a fast scan that starts two minutes before a rotation", () => {
    const scan = steadyScan("192.0.2.47", 60, 4, T0 + 3 * MINUTE);
    const results = detectFiles(fiveMinuteFiles(scan));
    const total = results.flatMap((result) => result.found).reduce((sum, activity) => sum + activity.flows, 0);
    expect(total).toBe(240);
    expect(results[0]!.found[0]).toMatchObject({ flows: 120, firstSeen: T0 + 3 * MINUTE });
  });

  it("counts a flow delivered twice in one file once", () => {
    const scan = probes("192.0.2.45", 150, { spanMs: 4 * MINUTE });
    const shuffled = [...scan].reverse().map((f) => ({ ...f, start: f.start + 400, line: f.line + 10_000 }));
    const [result] = detectFiles([[...scan, ...shuffled]]);
    expect(result!.found[0]).toMatchObject({ flows: 150, distinctTargets: 150 });
    expect(result!.stats.repeatedFlows).toBe(150);
  });

  it("counts a candidate's flows delivered again in the next file once (qualified sources: see the incident's keys)", () => {
    const partial = probes("192.0.2.45", 60, { spanMs: 2 * MINUTE });
    const again = [...partial].reverse().map((f) => ({ ...f, start: f.start - 300 }));
    const more = probes("192.0.2.45", 39, { start: T0 + 3 * MINUTE, firstTarget: 500 });
    const results = detectFiles([partial, [...again, ...more]]);
    expect(results.flatMap((result) => result.found)).toEqual([]);
    expect(results[1]!.stats.repeatedFlows).toBe(60);
  });

  it("tells repeats from new connections by source port and start time", () => {
    const base = flow({ srcAddr: "192.0.2.45", dstAddr: ipv4Target(1), srcPort: 40001 });
    const flows = [
      base,
      { ...base, start: base.start + 900 }, // same connection, printed with other precision
      { ...base, srcPort: 40002 }, // another connection to the same server
      { ...base, start: base.start + 5 * SECOND }, // the same port again later: a new connection
      ...probes("192.0.2.45", 99, { firstTarget: 10, start: T0 + 10 * SECOND }),
    ];
    const [result] = detectFiles([flows]);
    expect(result!.found[0]).toMatchObject({ flows: 102, distinctTargets: 100 });
    expect(result!.stats.repeatedFlows).toBe(1);
  });

  it("forgets sources idle for longer than the window plus the late tolerance", () => {
    const partial = probes("192.0.2.45", 60, { spanMs: MINUTE });
    const later = probes("192.0.2.45", 60, { start: T0 + 30 * MINUTE, spanMs: MINUTE, firstTarget: 1000 });
    const keepAlive = probes("192.0.2.99", 1, { start: T0 + 29 * MINUTE });
    const results = detectFiles([partial, keepAlive, later]);
    expect(results.flatMap((result) => result.found)).toEqual([]);
  });

  it("drops a saved source whose address is no longer a member's, and refuses a state of another version", () => {
    const detector = new SshScanDetector({ index, settings });
    detector.push(probes("192.0.2.45", 50));
    detector.finish();
    const state = detector.exportState("a");
    expect(state.sources).toHaveLength(1);
    const moved = new SshScanDetector({
      index: new AddressBlockIndex([{ cidr: "198.51.100.0/24", organisationId: "x" }]),
      settings,
      state,
    });
    moved.push(probes("192.0.2.45", 60, { firstTarget: 500 }));
    expect(moved.finish()).toEqual([]);
    expect(() => new SshScanDetector({ index, settings, state: { ...state, version: 2 as never } })).toThrow(/version/);
  });
});
