import type { FlowShape } from "./flow-shape";

/**
 * One row per flow counted for a detected source, in columns (32 bytes a flow): enough to
 * recount an incident's figures over only the flows it has not seen before, once the
 * incident's remembered keys are known (see flow-key.ts and record-detected-activity.ts).
 */
export class FlowLedger {
  length = 0;
  private keys = new Float64Array(64);
  private targets = new Float64Array(64);
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private shapes = new Uint8Array(64);

  add(key: number, target: number, start: number, end: number, shape: FlowShape): void {
    if (this.length === this.keys.length) this.grow();
    const i = this.length++;
    this.keys[i] = key;
    this.targets[i] = target;
    this.starts[i] = start;
    this.ends[i] = end;
    this.shapes[i] = shape;
  }

  /** Figures over the rows whose key is not in `known`. */
  summarise(known: { has(key: number): boolean }, knownTargets: { has(key: number): boolean }): LedgerSummary {
    const summary: LedgerSummary = {
      flows: 0,
      newKeys: [],
      newTargets: [],
      targetsThisRound: new Set(),
      firstSeen: Infinity,
      lastSeen: -Infinity,
      shapes: [0, 0, 0],
    };
    const seenTargets = new Set<number>();
    for (let i = 0; i < this.length; i++) {
      const key = this.keys[i]!;
      if (known.has(key)) continue;
      summary.flows++;
      summary.newKeys.push(key);
      const target = this.targets[i]!;
      if (!seenTargets.has(target)) {
        seenTargets.add(target);
        summary.targetsThisRound.add(target);
        if (!knownTargets.has(target)) summary.newTargets.push(target);
      }
      const start = this.starts[i]!;
      const end = Math.max(start, this.ends[i]!);
      if (start < summary.firstSeen) summary.firstSeen = start;
      if (end > summary.lastSeen) summary.lastSeen = end;
      summary.shapes[this.shapes[i]!]!++;
    }
    return summary;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = resize(this.keys, size);
    this.targets = resize(this.targets, size);
    this.starts = resize(this.starts, size);
    this.ends = resize(this.ends, size);
    const shapes = new Uint8Array(size);
    shapes.set(this.shapes);
    this.shapes = shapes;
  }
}

export interface LedgerSummary {
  flows: number;
  newKeys: number[];
  /** Targets not seen before in this round of the incident. */
  newTargets: number[];
  /** Every distinct target among the new flows. */
  targetsThisRound: Set<number>;
  firstSeen: number;
  lastSeen: number;
  /** Counts per FlowShape: probe, session, other. */
  shapes: [number, number, number];
}

function resize(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}
