import { describe, expect, it } from "vitest";
import { FlowKeyer, FlowParts, keyFromParts, laneA, laneB, targetKey } from "./flow-key";
import { flow, T0 } from "./test-support";

describe("flow keys", () => {
  it("reads the same lanes, target and key in one pass as the separate functions (keys are stored: they must not drift)", () => {
    const keyer = new FlowKeyer(1_000);
    const parts = new FlowParts();
    for (const dstAddr of ["198.18.0.1", "2001:db8::1", "203.0.113.254", "::"]) {
      const item = flow({ dstAddr, srcPort: 51515, start: T0 + 1_234 });
      keyer.partsOf(item, parts);
      expect([parts.a, parts.b, parts.target]).toEqual([laneA(item), laneB(item), targetKey(dstAddr)]);
      expect(parts.key).toBe(keyer.keyOf(item));
      expect(parts.key).toBe(keyFromParts(laneA(item), laneB(item), keyer.bucketOf(item.start)));
      expect(Number.isSafeInteger(parts.key) && parts.key >= 0 && parts.key < 2 ** 52).toBe(true);
    }
  });

  it("keeps the key of a known flow stable across releases", () => {
    const keyer = new FlowKeyer(1_000);
    const item = flow({ dstAddr: "198.18.0.1", srcPort: 40000, start: Date.UTC(2027, 0, 9, 2, 0, 0) });
    expect(keyer.keyOf(item)).toBe(KNOWN_KEY);
  });
});

// Computed by the release that introduced stored keys (IncidentFlowKeys); a change here orphans every stored key.
const KNOWN_KEY = 2066572903794312;
