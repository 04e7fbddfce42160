import { describe, expect, it } from "vitest";
import { AddressBlockIndex } from "../../net/address-block-index";
import type { FlowRecord } from "../flow";
import type { AllowListEntry } from "./allow-list";
import { DEFAULT_DETECTION_SETTINGS, resolveDetectionSettings, type DetectionSettings } from "./settings";
import { SshScanDetector } from "./ssh-scan-detector";
import { ACK_PSH_FIN, MINUTE, SECOND, T0, flow, ipv4Target, probes } from "./test-support";

const index = new AddressBlockIndex([
  { cidr: "192.0.2.0/24", organisationId: "example-college", blockId: "college-v4" },
  { cidr: "198.51.100.0/24", organisationId: "sample-university" },
  { cidr: "2001:db8:10::/48", organisationId: "sample-university" },
  { cidr: "10.20.0.0/16", organisationId: "org-a" },
  { cidr: "10.20.30.0/24", organisationId: "org-b" },
]);

function detect(
  flows: FlowRecord[],
  settings: Partial<DetectionSettings> = {},
  allowList: AllowListEntry[] = [],
  batchSize = 500,
) {
  const detector = new SshScanDetector({ index, settings: resolveDetectionSettings(settings), allowList });
  for (let i = 0; i < flows.length; i += batchSize) detector.push(flows.slice(i, i + batchSize));
  return detector.finish();
}

/** Brute-force-sized sessions (11-51 packets, ACK) from src to one server. */
function sessions(
  src: string,
  dst: string,
  count: number,
  options: { start?: number; everyMs?: number; packets?: number } = {},
): FlowRecord[] {
  return Array.from({ length: count }, (_, i) =>
    flow({
      start: (options.start ?? T0) + i * (options.everyMs ?? 10 * SECOND),
      srcAddr: src,
      srcPort: 50000 + i,
      dstAddr: dst,
      tcpFlags: ACK_PSH_FIN | 0x02,
      packets: options.packets ?? 21,
      bytes: 3_000,
    }),
  );
}

/** Start of the first window [t - W, t] (t = a flow's start) holding >= n distinct destinations; time-ordered input. */
function referenceWindowStart(flows: FlowRecord[], n: number, windowMs: number): number | null {
  for (const last of flows) {
    const windowStart = last.start - windowMs;
    const inWindow = flows.filter((f) => f.start >= windowStart && f.start <= last.start);
    if (new Set(inWindow.map((f) => f.dstAddr)).size >= n) return windowStart;
  }
  return null;
}

describe("SshScanDetector: who is a scanner", () => {
  it("finds a member host probing exactly N distinct destinations, and not N-1", () => {
    const found = detect(probes("192.0.2.45", 100, { spanMs: 5 * MINUTE }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      organisationId: "example-college",
      blockCidr: "192.0.2.0/24",
      blockId: "college-v4",
      sourceIp: "192.0.2.45",
      port: 22,
      kind: "scan",
      reason: "distinct-targets",
      flows: 100,
      distinctTargets: 100,
      firstSeen: T0,
      lastSeen: T0 + 5 * MINUTE,
    });
    expect(detect(probes("192.0.2.45", 99, { spanMs: 5 * MINUTE }))).toEqual([]);
  });

  it("counts distinct destinations, not flows", () => {
    const repeated = [...probes("192.0.2.45", 99), ...probes("192.0.2.45", 99, { start: T0 + MINUTE })];
    expect(detect(repeated)).toEqual([]);
  });

  it("ignores inbound scans of member networks", () => {
    const inbound = Array.from({ length: 300 }, (_, i) =>
      flow({ start: T0 + i * SECOND, srcAddr: "203.0.113.200", dstAddr: `192.0.2.${i % 256}`, dstPort: 22 }),
    );
    expect(detect(inbound)).toEqual([]);
  });

  it("ignores hosts below the threshold", () => {
    expect(detect(probes("192.0.2.45", 60, { spanMs: MINUTE }))).toEqual([]);
  });

  it("ignores other ports", () => {
    expect(detect(probes("192.0.2.45", 500, { spanMs: MINUTE, dstPort: 23 }))).toEqual([]);
  });

  it("ignores replies from the SSH port", () => {
    const replies = Array.from({ length: 300 }, (_, i) =>
      flow({
        start: T0 + i * SECOND,
        srcAddr: "192.0.2.10",
        srcPort: 22,
        dstAddr: ipv4Target(i),
        dstPort: 40000 + i,
        tcpFlags: 0x12,
      }),
    );
    expect(detect(replies)).toEqual([]);
  });

  it("ignores non-TCP traffic to port 22", () => {
    const udp = probes("192.0.2.45", 300, { spanMs: MINUTE }).map((f) => ({ ...f, protocol: "UDP", tcpFlags: 0 }));
    expect(detect(udp)).toEqual([]);
  });

  it("finds an IPv6 scanner", () => {
    const flows = Array.from({ length: 150 }, (_, i) =>
      flow({ start: T0 + i * SECOND, srcAddr: "2001:db8:10:1::99", dstAddr: `2001:db8:ffff::${(i + 1).toString(16)}` }),
    );
    const found = detect(flows);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      organisationId: "sample-university",
      blockCidr: "2001:db8:10::/48",
      sourceIp: "2001:db8:10:1::99",
      kind: "scan",
      flows: 150,
      distinctTargets: 150,
    });
  });

  it("lets the longest prefix win: a /24 of org B inside a /16 of org A", () => {
    const found = detect([...probes("10.20.30.40", 100), ...probes("10.20.99.1", 100)]);
    expect(found.map((a) => [a.sourceIp, a.organisationId, a.blockCidr])).toEqual([
      ["10.20.30.40", "org-b", "10.20.30.0/24"],
      ["10.20.99.1", "org-a", "10.20.0.0/16"],
    ]);
  });

  it("watches every configured port separately", () => {
    const found = detect([...probes("192.0.2.45", 100), ...probes("192.0.2.45", 100, { dstPort: 2222 })], {
      ports: [22, 2222],
    });
    expect(found.map((a) => a.port).sort()).toEqual([22, 2222]);
  });
});

describe("SshScanDetector: scan or brute force", () => {
  it("classifies SYN probes as a scan", () => {
    expect(detect(probes("192.0.2.45", 120))[0]).toMatchObject({ kind: "scan", probeFlows: 120, sessionFlows: 0 });
  });

  it("finds brute force against ONE server with M login-sized sessions inside the window", () => {
    const found = detect(sessions("192.0.2.45", "203.0.113.7", 20, { everyMs: 20 * SECOND }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: "brute-force",
      reason: "repeated-sessions",
      flows: 20,
      distinctTargets: 1,
      sessionFlows: 20,
    });
  });

  it("needs M sessions to the same server, inside the window, of login size", () => {
    expect(detect(sessions("192.0.2.45", "203.0.113.7", 19))).toEqual([]);
    expect(detect(sessions("192.0.2.45", "203.0.113.7", 20, { everyMs: MINUTE }))).toEqual([]);
    expect(detect(sessions("192.0.2.45", "203.0.113.7", 40, { packets: 400 }))).toEqual([]);
    expect(detect(sessions("192.0.2.45", "203.0.113.7", 40, { packets: 6 }))).toEqual([]);
    const spread = Array.from(
      { length: 40 },
      (_, i) => sessions("192.0.2.45", ipv4Target(i % 4), 1, { start: T0 + i * SECOND })[0]!,
    );
    expect(detect(spread)).toEqual([]);
  });

  it("calls login-sized sessions against many servers brute force even when N destinations are reached", () => {
    const flows = Array.from(
      { length: 100 },
      (_, i) => sessions("192.0.2.45", ipv4Target(i), 1, { start: T0 + i * SECOND })[0]!,
    );
    expect(detect(flows)[0]).toMatchObject({ kind: "brute-force", reason: "distinct-targets", distinctTargets: 100 });
  });

  it("keeps a scan a scan when the scanner then brute-forces one server it found", () => {
    const flows = [
      ...probes("192.0.2.45", 300, { spanMs: 2 * MINUTE }),
      ...sessions("192.0.2.45", ipv4Target(7), 30, { start: T0 + 3 * MINUTE }),
    ];
    expect(detect(flows)[0]).toMatchObject({
      kind: "scan",
      flows: 330,
      distinctTargets: 300,
      probeFlows: 300,
      sessionFlows: 30,
    });
  });

  it("calls a sub-threshold scan followed by repeated sessions brute force", () => {
    const flows = [...probes("192.0.2.45", 50), ...sessions("192.0.2.45", ipv4Target(3), 20, { start: T0 + MINUTE })];
    expect(detect(flows)[0]).toMatchObject({
      kind: "brute-force",
      reason: "repeated-sessions",
      flows: 70,
      distinctTargets: 50,
    });
  });
});

describe("SshScanDetector: allow-list", () => {
  const scan = () => probes("192.0.2.45", 150, { spanMs: 2 * MINUTE });

  it("ignores an allow-listed source while the entry is valid", () => {
    expect(
      detect(scan(), {}, [{ organisationId: "example-college", cidr: "192.0.2.45", expiresAt: T0 + 60 * MINUTE }]),
    ).toEqual([]);
    expect(detect(scan(), {}, [{ organisationId: "example-college", cidr: "192.0.2.32/28", expiresAt: null }])).toEqual(
      [],
    );
    expect(
      detect(scan(), {}, [
        { organisationId: "example-college", cidr: "192.0.2.32/27", expiresAt: new Date(T0 + 60 * MINUTE) },
      ]),
    ).toEqual([]);
  });

  it("does not honour an expired entry, nor one from another organisation", () => {
    expect(
      detect(scan(), {}, [{ organisationId: "example-college", cidr: "192.0.2.45", expiresAt: T0 - 1 }]),
    ).toHaveLength(1);
    expect(
      detect(scan(), {}, [{ organisationId: "sample-university", cidr: "192.0.2.45", expiresAt: null }]),
    ).toHaveLength(1);
  });

  it("counts only the flows after the entry expired", () => {
    const flows = probes("192.0.2.45", 300, { spanMs: 5 * MINUTE });
    const expiresAt = flows[100]!.start;
    const found = detect(flows, {}, [{ organisationId: "example-college", cidr: "192.0.2.45/32", expiresAt }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ flows: 200, firstSeen: expiresAt });
  });

  it("reports per entry the flows it suppressed and the latest one's start, leaving the rest to detection", () => {
    const flows = probes("192.0.2.45", 300, { spanMs: 5 * MINUTE });
    const expiresAt = flows[100]!.start;
    const detector = new SshScanDetector({
      index,
      settings: resolveDetectionSettings({}),
      allowList: [
        { id: "scanner", organisationId: "example-college", cidr: "192.0.2.45/32", expiresAt },
        { id: "unused", organisationId: "example-college", cidr: "192.0.2.200", expiresAt: null },
        { id: "elsewhere", organisationId: "sample-university", cidr: "192.0.2.45", expiresAt: null },
      ],
    });
    for (let i = 0; i < flows.length; i += 64) detector.push(flows.slice(i, i + 64));
    expect(detector.finish()).toHaveLength(1);
    expect(detector.suppressionHits()).toEqual([{ entryId: "scanner", flows: 100, lastFlowStart: flows[99]!.start }]);
    expect(detector.stats().allowListedFlows).toBe(100);
  });

  it("rejects an invalid allow-list entry", () => {
    expect(() => detect([], {}, [{ organisationId: "x", cidr: "192.0.2.0/99", expiresAt: null }])).toThrow(
      /Allow-list entry #1 of organisation x/,
    );
  });
});

describe("SshScanDetector: sliding window", () => {
  it("does not qualify 100 targets at a steady rate over 30 minutes with W=10", () => {
    expect(detect(probes("192.0.2.45", 100, { spanMs: 30 * MINUTE }))).toEqual([]);
  });

  it("qualifies the same 100 targets inside 10 minutes", () => {
    expect(detect(probes("192.0.2.45", 100, { spanMs: 9 * MINUTE + 59 * SECOND }))).toHaveLength(1);
  });

  it("includes both ends of the window: a span of exactly W qualifies, W + 1 ms does not", () => {
    expect(detect(probes("192.0.2.45", 100, { spanMs: 10 * MINUTE }))).toHaveLength(1);
    const late = probes("192.0.2.45", 100, { spanMs: 10 * MINUTE });
    late[99] = { ...late[99]!, start: late[99]!.start + 1, end: late[99]!.start + 1 };
    expect(detect(late)).toEqual([]);
  });

  it("qualifies when a slow scan speeds up, counting from the qualifying window on", () => {
    const slow = probes("192.0.2.45", 60, { spanMs: 60 * MINUTE });
    const fast = probes("192.0.2.45", 150, { start: T0 + 61 * MINUTE, spanMs: 5 * MINUTE, firstTarget: 1000 });
    const flows = [...slow, ...fast];
    const windowStart = referenceWindowStart(flows, 100, 10 * MINUTE)!;
    const expected = flows.filter((f) => f.start >= windowStart);
    expect(expected.length).toBeGreaterThan(150);
    const found = detect(flows);
    expect(found[0]).toMatchObject({
      flows: expected.length,
      distinctTargets: expected.length,
      firstSeen: expected[0]!.start,
    });
  });

  it("agrees with a brute-force reference on random ordered traffic", () => {
    let seed = 4242;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let qualified = 0;
    for (let round = 0; round < 40; round++) {
      const count = 80 + Math.floor(random() * 200);
      const maxGapMs = (4 + random() * 12) * SECOND;
      let time = T0;
      // Each connection has its own source port, as a scanner's do: equal tuples would be one flow delivered twice.
      const flows = Array.from({ length: count }, (_, i) => {
        time += Math.floor(random() * random() * maxGapMs);
        return flow({
          start: time,
          srcAddr: "192.0.2.45",
          srcPort: 30000 + i,
          dstAddr: ipv4Target(Math.floor(random() * 150)),
        });
      });
      const windowStart = referenceWindowStart(flows, 50, 2 * MINUTE);
      const found = detect(flows, { minDistinctTargets: 50, windowMinutes: 2 });
      if (windowStart === null) {
        expect(found).toEqual([]);
      } else {
        const expected = flows.filter((f) => f.start >= windowStart);
        expect(found[0]).toMatchObject({
          flows: expected.length,
          distinctTargets: new Set(expected.map((f) => f.dstAddr)).size,
        });
        qualified++;
      }
    }
    expect(qualified).toBeGreaterThan(5);
    expect(qualified).toBeLessThan(35);
  });

  it("tolerates small disorder in the input", () => {
    const flows = probes("192.0.2.45", 100, { spanMs: 9 * MINUTE });
    for (let i = 0; i + 1 < flows.length; i += 2) [flows[i], flows[i + 1]] = [flows[i + 1]!, flows[i]!];
    expect(detect(flows)[0]).toMatchObject({
      flows: 100,
      distinctTargets: 100,
      firstSeen: T0,
      lastSeen: T0 + 9 * MINUTE,
    });
  });

  it("keeps counting a qualified source after a long pause", () => {
    const flows = [
      ...probes("192.0.2.45", 100),
      ...probes("192.0.2.99", 10, { start: T0 + 3 * 60 * MINUTE }),
      ...probes("192.0.2.45", 5, { start: T0 + 4 * 60 * MINUTE, firstTarget: 5000 }),
    ];
    expect(detect(flows)[0]).toMatchObject({ flows: 105, distinctTargets: 105, lastSeen: T0 + 4 * 60 * MINUTE });
  });
});

describe("SshScanDetector: samples and evidence", () => {
  it("keeps the first K and last K flows and caps evidence, but not the counts", () => {
    const flows = probes("192.0.2.45", 1000, { spanMs: 5 * MINUTE });
    const [activity] = detect(flows, { evidenceCap: 250, sampleSize: 10 });
    expect(activity).toBeDefined();
    expect(activity!.flows).toBe(1000);
    expect(activity!.distinctTargets).toBe(1000);
    expect(activity!.sampleHead).toEqual(flows.slice(0, 10));
    expect(activity!.sampleTail).toEqual(flows.slice(990));
    expect([...activity!.evidence]).toEqual(flows.slice(0, 250));
    expect(activity!.evidenceTruncated).toBe(true);
  });

  it("does not overlap head and tail when there are fewer than 2K flows", () => {
    const flows = probes("192.0.2.45", 15);
    const [activity] = detect(flows, { minDistinctTargets: 5, sampleSize: 10 });
    expect(activity!.sampleHead).toEqual(flows.slice(0, 10));
    expect(activity!.sampleTail).toEqual(flows.slice(10));
    expect([...activity!.evidence]).toEqual(flows);
    expect(activity!.evidenceTruncated).toBe(false);
  });

  it("reports lastSeen as the latest flow end", () => {
    const flows = probes("192.0.2.45", 100);
    flows[50] = { ...flows[50]!, end: T0 + 7 * MINUTE };
    expect(detect(flows)[0]!.lastSeen).toBe(T0 + 7 * MINUTE);
  });
});

describe("SshScanDetector: bounded memory", () => {
  it("keeps the candidate count bounded over 2 million flows from 50,000 sources", () => {
    const detector = new SshScanDetector({ index, settings: DEFAULT_DETECTION_SETTINGS });
    const total = 2_000_000;
    const perSource = 40;
    const stepMs = 5;
    const batch: FlowRecord[] = [];
    let maxCandidates = 0;
    for (let i = 0; i < total; i++) {
      const source = Math.floor(i / perSource);
      const member = source % 2 === 0;
      const n = source >>> 1;
      const srcAddr = member
        ? `10.20.${(n >>> 8) & 255}.${n & 255}`
        : `203.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      const start = T0 + i * stepMs;
      batch.push({
        start,
        end: start,
        protocol: "TCP",
        srcAddr,
        srcPort: 40000,
        dstAddr: ipv4Target(i % perSource),
        dstPort: 22,
        tcpFlags: 2,
        packets: 1,
        bytes: 40,
        line: i + 1,
      });
      if (batch.length === 1000) {
        detector.push(batch.splice(0));
        maxCandidates = Math.max(maxCandidates, detector.stats().candidates);
      }
    }
    const found = detector.finish();
    const stats = detector.stats();
    expect(found).toEqual([]);
    expect(stats.memberFlows).toBe(total / 2);
    // Each source is active for 200 ms; window + disorder tolerance + sweep interval = 13.5 min of input = ~2,000 member sources.
    expect(maxCandidates).toBeLessThan(3_000);
    expect(stats.peakCandidates).toBeLessThan(3_000);
    expect(stats.evictedCandidates).toBeGreaterThan(20_000);
  });
});

describe("settings", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_DETECTION_SETTINGS).toMatchObject({
      ports: [22],
      minDistinctTargets: 100,
      windowMinutes: 10,
      sampleSize: 10,
      evidenceCap: 5_000,
      bruteForceMinSessions: 20,
    });
  });

  it.each([
    [{ ports: [] }, /ports: at least one/],
    [{ ports: [0] }, /ports: 0 is not a TCP port/],
    [{ ports: [70000] }, /ports: 70000/],
    [{ minDistinctTargets: 0 }, /minDistinctTargets/],
    [{ windowMinutes: 0 }, /windowMinutes/],
    [{ sampleSize: 1.5 }, /sampleSize/],
    [{ bruteForceMaxPackets: 5 }, /bruteForceMaxPackets/],
  ] as Array<[Partial<DetectionSettings>, RegExp]>)("rejects %j", (overrides, message) => {
    expect(() => resolveDetectionSettings(overrides)).toThrow(message);
  });
});
