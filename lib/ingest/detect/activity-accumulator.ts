import type { FlowRecord } from "../flow";
import { type FlowKeyer, FlowParts } from "./flow-key";
import { FlowColumns } from "./flow-columns";
import { FlowLedger } from "./flow-ledger";
import { FlowShape } from "./flow-shape";
import { KeyTable } from "./key-table";
import type { WindowSource } from "./source-window";

export interface AccumulatorLimits {
  sampleSize: number;
  evidenceCap: number;
  maxTrackedTargets: number;
}

/**
 * Everything reported about a source once it qualified. Each flow is counted once (a repeat
 * inside the stream is recognised by its key and ignored); counts are exact (targets up to
 * maxTrackedTargets); kept flows are bounded: K head, K tail (ring), evidenceCap evidence
 * (in columns), plus per counted flow the ledger's row (about 50 bytes with its index),
 * which recognises repeats and recounts against an incident's remembered flows.
 */
export class ActivityAccumulator {
  flows = 0;
  repeats = 0;
  firstSeen = Infinity;
  lastSeen = -Infinity;
  probeFlows = 0;
  sessionFlows = 0;
  targetsCapped = false;
  readonly sampleHead: FlowRecord[] = [];
  readonly evidence: FlowColumns;
  readonly ledger: FlowLedger;

  private readonly targets = new KeyTable();
  private readonly parts = new FlowParts();
  private readonly tailRing: FlowRecord[] = [];
  private tailNext = 0;

  constructor(
    private readonly limits: AccumulatorLimits,
    private readonly keyer: FlowKeyer,
    source: WindowSource,
  ) {
    this.evidence = new FlowColumns(source.address, source.protocol, limits.evidenceCap);
    this.ledger = new FlowLedger(keyer);
  }

  /** Counts a flow; false when it repeats one already counted. */
  add(flow: FlowRecord, shape: FlowShape): boolean {
    const parts = this.keyer.partsOf(flow, this.parts);
    if (this.ledger.holdsRepeatOf(parts)) {
      this.repeats++;
      return false;
    }
    this.flows++;
    if (flow.start < this.firstSeen) this.firstSeen = flow.start;
    const end = Math.max(flow.end, flow.start);
    if (end > this.lastSeen) this.lastSeen = end;
    if (shape === FlowShape.Probe) this.probeFlows++;
    else if (shape === FlowShape.Session) this.sessionFlows++;

    const target = parts.target;
    if (!this.targetsCapped) {
      this.targets.add(target);
      if (this.targets.size >= this.limits.maxTrackedTargets) this.targetsCapped = true;
    }
    this.ledger.add(parts, flow.start, end, shape);

    const { sampleSize, evidenceCap } = this.limits;
    if (this.evidence.length < evidenceCap) this.evidence.push(flow);
    if (this.sampleHead.length < sampleSize) {
      this.sampleHead.push(flow);
    } else if (sampleSize > 0) {
      this.tailRing[this.tailNext] = flow;
      this.tailNext = (this.tailNext + 1) % sampleSize;
    }
    return true;
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
