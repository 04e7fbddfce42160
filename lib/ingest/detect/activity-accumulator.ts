import type { FlowRecord } from "../flow";
import { FlowShape } from "./flow-shape";

export interface AccumulatorLimits {
  sampleSize: number;
  evidenceCap: number;
  maxTrackedTargets: number;
}

/**
 * Everything reported about a source once it qualified. Counts are exact (targets up to
 * maxTrackedTargets); kept flows are bounded: K head, K tail (ring), evidenceCap evidence.
 */
export class ActivityAccumulator {
  flows = 0;
  firstSeen = Infinity;
  lastSeen = -Infinity;
  probeFlows = 0;
  sessionFlows = 0;
  targetsCapped = false;
  readonly sampleHead: FlowRecord[] = [];
  readonly evidence: FlowRecord[] = [];

  private readonly targets = new Set<string>();
  private readonly tailRing: FlowRecord[] = [];
  private tailNext = 0;

  constructor(private readonly limits: AccumulatorLimits) {}

  add(flow: FlowRecord, shape: FlowShape): void {
    this.flows++;
    if (flow.start < this.firstSeen) this.firstSeen = flow.start;
    const end = flow.end > flow.start ? flow.end : flow.start;
    if (end > this.lastSeen) this.lastSeen = end;
    if (shape === FlowShape.Probe) this.probeFlows++;
    else if (shape === FlowShape.Session) this.sessionFlows++;

    if (!this.targetsCapped) {
      this.targets.add(flow.dstAddr);
      if (this.targets.size >= this.limits.maxTrackedTargets) this.targetsCapped = true;
    }

    const { sampleSize, evidenceCap } = this.limits;
    if (this.evidence.length < evidenceCap) this.evidence.push(flow);
    if (this.sampleHead.length < sampleSize) {
      this.sampleHead.push(flow);
    } else if (sampleSize > 0) {
      this.tailRing[this.tailNext] = flow;
      this.tailNext = (this.tailNext + 1) % sampleSize;
    }
  }

  get distinctTargets(): number {
    return this.targets.size;
  }

  get evidenceTruncated(): boolean {
    return this.flows > this.evidence.length;
  }

  /** The last K flows after the head, oldest first; empty when all flows fit in the head. */
  sampleTail(): FlowRecord[] {
    const ring = this.tailRing;
    if (ring.length < this.limits.sampleSize) return ring.slice();
    return ring.slice(this.tailNext).concat(ring.slice(0, this.tailNext));
  }
}
