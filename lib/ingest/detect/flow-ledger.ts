import { type FlowParts, isKnownParts, type KeySet, keyFromParts } from "./flow-key";
import type { FlowShape } from "./flow-shape";

/**
 * One row per flow counted for a detected source, in columns (36 bytes a flow): enough to
 * recount an incident's figures over only the flows it has not counted before, once the
 * incident's remembered keys are loaded (see flow-key.ts and record-detected-activity.ts).
 */
export class FlowLedger {
  length = 0;
  private lanesA = new Uint32Array(64);
  private lanesB = new Uint32Array(64);
  private buckets = new Float64Array(64);
  private targets = new Float64Array(64);
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private shapes = new Uint8Array(64);

  add(parts: FlowParts, start: number, end: number, shape: FlowShape): void {
    if (this.length === this.buckets.length) this.grow();
    const i = this.length++;
    this.lanesA[i] = parts.a;
    this.lanesB[i] = parts.b;
    this.buckets[i] = parts.bucket;
    this.targets[i] = parts.target;
    this.starts[i] = start;
    this.ends[i] = end;
    this.shapes[i] = shape;
  }

  /** Figures over the rows that `known` does not hold; `knownTargets` are the round's targets so far. */
  summarise(known: KeySet, knownTargets: KeySet): LedgerSummary {
    const summary: LedgerSummary = { flows: 0, newKeys: [], newTargets: [], targetsThisRun: 0, firstSeen: Infinity, lastSeen: -Infinity, shapes: [0, 0, 0] };
    const seenTargets = new Set<number>();
    for (let i = 0; i < this.length; i++) {
      const a = this.lanesA[i]!;
      const b = this.lanesB[i]!;
      const bucket = this.buckets[i]!;
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

  private grow(): void {
    const size = this.buckets.length * 2;
    this.lanesA = grown(this.lanesA, new Uint32Array(size));
    this.lanesB = grown(this.lanesB, new Uint32Array(size));
    this.buckets = grown(this.buckets, new Float64Array(size));
    this.targets = grown(this.targets, new Float64Array(size));
    this.starts = grown(this.starts, new Float64Array(size));
    this.ends = grown(this.ends, new Float64Array(size));
    this.shapes = grown(this.shapes, new Uint8Array(size));
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

function grown<T extends Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
