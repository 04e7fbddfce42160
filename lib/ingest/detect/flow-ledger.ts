import { type FlowKeyer, type FlowParts, isKnownParts, type KeySet, keyFromParts } from "./flow-key";
import type { FlowShape } from "./flow-shape";
import { grownArray } from "./grown-array";

const EMPTY_SLOT = -1;

/**
 * One row per flow counted for a detected source, in columns (33 bytes a flow, plus 8-16 for
 * the index): enough to recount an incident's figures over only the flows it has not counted
 * before, once the incident's remembered keys are loaded (see flow-key.ts and
 * record-detected-activity.ts), and to recognise a flow delivered twice within the file. The
 * index is open-addressed by the flow's two lanes (destination and source port, without the
 * time), so one probe sequence finds every earlier flow of that tuple; it is a repeat when
 * its start bucket is the same or a neighbouring one, the rule flow-key.ts describes.
 */
export class FlowLedger {
  length = 0;
  private lanesA = new Uint32Array(64);
  private lanesB = new Uint32Array(64);
  private targets = new Float64Array(64);
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private shapes = new Uint8Array(64);
  private index = new Int32Array(128).fill(EMPTY_SLOT);

  constructor(private readonly keyer: FlowKeyer) {}

  /** Whether a flow of the same tuple, started within the tolerance, was added before. */
  holdsRepeatOf(parts: FlowParts): boolean {
    const { lanesA, lanesB, starts, index, keyer } = this;
    const mask = index.length - 1;
    for (let slot = slotOf(parts.a, parts.b) & mask; ; slot = (slot + 1) & mask) {
      const row = index[slot]!;
      if (row === EMPTY_SLOT) return false;
      if (
        lanesA[row] === parts.a &&
        lanesB[row] === parts.b &&
        Math.abs(keyer.bucketOf(starts[row]!) - parts.bucket) <= 1
      )
        return true;
    }
  }

  add(parts: FlowParts, start: number, end: number, shape: FlowShape): void {
    if (this.length === this.starts.length) this.grow();
    const row = this.length++;
    this.lanesA[row] = parts.a;
    this.lanesB[row] = parts.b;
    this.targets[row] = parts.target;
    this.starts[row] = start;
    this.ends[row] = end;
    this.shapes[row] = shape;
    if (this.length * 2 > this.index.length) this.rebuildIndex(this.index.length * 2);
    else this.addToIndex(row);
  }

  /** Figures over the rows that `known` does not hold; `knownTargets` are the round's targets so far. */
  summarise(known: KeySet, knownTargets: KeySet): LedgerSummary {
    const summary: LedgerSummary = {
      flows: 0,
      newKeys: [],
      newTargets: [],
      targetsThisRun: 0,
      firstSeen: Infinity,
      lastSeen: -Infinity,
      shapes: [0, 0, 0],
    };
    const seenTargets = new Set<number>();
    for (let i = 0; i < this.length; i++) {
      const a = this.lanesA[i]!;
      const b = this.lanesB[i]!;
      const bucket = this.keyer.bucketOf(this.starts[i]!);
      if (isKnownParts(a, b, bucket, known)) continue;
      summary.flows++;
      summary.newKeys.push(keyFromParts(a, b, bucket));
      const target = this.targets[i]!;
      if (!seenTargets.has(target)) {
        seenTargets.add(target);
        if (!knownTargets.has(target)) summary.newTargets.push(target);
      }
      if (this.starts[i]! < summary.firstSeen) summary.firstSeen = this.starts[i]!;
      if (this.ends[i]! > summary.lastSeen) summary.lastSeen = this.ends[i]!;
      summary.shapes[this.shapes[i]!]!++;
    }
    summary.targetsThisRun = seenTargets.size;
    return summary;
  }

  private addToIndex(row: number): void {
    const index = this.index;
    const mask = index.length - 1;
    let slot = slotOf(this.lanesA[row]!, this.lanesB[row]!) & mask;
    while (index[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
    index[slot] = row;
  }

  private rebuildIndex(size: number): void {
    this.index = new Int32Array(size).fill(EMPTY_SLOT);
    for (let row = 0; row < this.length; row++) this.addToIndex(row);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.lanesA = grownArray(this.lanesA, new Uint32Array(size));
    this.lanesB = grownArray(this.lanesB, new Uint32Array(size));
    this.targets = grownArray(this.targets, new Float64Array(size));
    this.starts = grownArray(this.starts, new Float64Array(size));
    this.ends = grownArray(this.ends, new Float64Array(size));
    this.shapes = grownArray(this.shapes, new Uint8Array(size));
  }
}

export interface LedgerSummary {
  /** Flows not counted before. */
  flows: number;
  newKeys: number[];
  /** Destinations the round had not seen. */
  newTargets: number[];
  /** Distinct destinations among the new flows. */
  targetsThisRun: number;
  firstSeen: number;
  lastSeen: number;
  /** New flows per FlowShape: probe, session, other. */
  shapes: [number, number, number];
}

function slotOf(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}
