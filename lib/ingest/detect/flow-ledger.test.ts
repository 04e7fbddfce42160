import { describe, expect, it } from "vitest";
import { FlowKeyer, FlowParts } from "./flow-key";
import { FlowLedger } from "./flow-ledger";
import { FlowShape } from "./flow-shape";
import { KeyTable } from "./key-table";
import { flow, ipv4Target, T0 } from "./test-support";

const TOLERANCE_MS = 2_000;
const keyer = new FlowKeyer(TOLERANCE_MS);

function ledgerOf(flows: ReturnType<typeof flow>[]): FlowLedger {
  const ledger = new FlowLedger(keyer);
  const parts = new FlowParts();
  for (const item of flows) ledger.add(keyer.partsOf(item, parts), item.start, item.end, FlowShape.Probe);
  return ledger;
}

function holdsRepeat(ledger: FlowLedger, item: ReturnType<typeof flow>): boolean {
  return ledger.holdsRepeatOf(keyer.partsOf(item, new FlowParts()));
}

describe("FlowLedger", () => {
  it("recognises a flow of the same tuple started within the tolerance, and nothing else", () => {
    const ledger = ledgerOf([flow({ start: T0 + 500, srcPort: 40001, dstAddr: "198.18.0.1" })]);
    expect(holdsRepeat(ledger, flow({ start: T0 + 500, srcPort: 40001, dstAddr: "198.18.0.1" }))).toBe(true);
    expect(holdsRepeat(ledger, flow({ start: T0 + 2_400, srcPort: 40001, dstAddr: "198.18.0.1" }))).toBe(true);
    expect(holdsRepeat(ledger, flow({ start: T0 + 4_500, srcPort: 40001, dstAddr: "198.18.0.1" }))).toBe(false);
    expect(holdsRepeat(ledger, flow({ start: T0 + 500, srcPort: 40002, dstAddr: "198.18.0.1" }))).toBe(false);
    expect(holdsRepeat(ledger, flow({ start: T0 + 500, srcPort: 40001, dstAddr: "198.18.0.2" }))).toBe(false);
  });

  it("finds every earlier flow of a tuple (a reused source port) among many rows", () => {
    const flows = Array.from({ length: 20_000 }, (_, i) =>
      flow({ start: T0 + i * 10_000, srcPort: 40000 + (i % 7), dstAddr: ipv4Target(i % 50) }),
    );
    const ledger = ledgerOf(flows);
    expect(ledger.length).toBe(20_000);
    const missed = flows.filter((item) => !holdsRepeat(ledger, { ...item, start: item.start + 1_000 }));
    expect(missed).toEqual([]);
    expect(holdsRepeat(ledger, flow({ start: T0 + 5_000, srcPort: 40000, dstAddr: ipv4Target(0) }))).toBe(false);
  });

  it("summarises only the rows an incident has not counted", () => {
    const flows = [0, 1, 2, 3].map((i) =>
      flow({ start: T0 + i * 60_000, end: T0 + i * 60_000 + 500, dstAddr: ipv4Target(i % 3) }),
    );
    const ledger = ledgerOf(flows);
    const all = ledger.summarise(new KeyTable(), new KeyTable());
    expect(all).toMatchObject({
      flows: 4,
      targetsThisRun: 3,
      firstSeen: T0,
      lastSeen: T0 + 180_500,
      shapes: [4, 0, 0],
    });
    expect(all.newTargets).toHaveLength(3);

    const known = KeyTable.of(all.newKeys.slice(0, 2));
    const rest = ledger.summarise(known, KeyTable.of(all.newTargets.slice(0, 1)));
    expect(rest).toMatchObject({ flows: 2, targetsThisRun: 2, firstSeen: T0 + 120_000, lastSeen: T0 + 180_500 });
    expect(rest.newTargets).toHaveLength(1);
  });
});
