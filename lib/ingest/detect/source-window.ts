import type { FlowRecord } from "../flow";
import { FlowColumns } from "./flow-columns";
import { FlowParts, type FlowKeyer } from "./flow-key";
import { KeyTable } from "./key-table";
import { flowFromState, flowToState, type FlowState } from "./flow-state";

export type QualificationReason = "distinct-targets" | "repeated-sessions";

/** What SourceWindow.add says of a flow it already holds (delivered twice). */
export const REPEAT = "repeat" as const;

export interface WindowLimits {
  windowMs: number;
  minDistinctTargets: number;
  bruteForceMinSessions: number;
  /** Most flows held while the source is below threshold. */
  bufferCap: number;
}

/** Whose flows a window holds: one source, over the watched protocol. */
export interface WindowSource {
  address: string;
  protocol: string;
}

/** A window as it is saved between the files of a stream. */
export interface SourceWindowState {
  newest: number;
  targets: [string, number][];
  sessions: [string, number[]][];
  flows: FlowState[];
}

/**
 * The sliding-window state of one source that has not (yet) qualified. Everything here
 * is bounded: fewer than N destinations, fewer than M session times per destination,
 * at most bufferCap flows. Time is the newest flow start seen from this source, so small
 * disorder in the input only keeps an entry slightly longer than the window. The keys of
 * the buffered flows recognise a flow delivered twice, which then counts once.
 */
export class SourceWindow {
  newest = -Infinity;

  /** Destination -> newest flow start; Map order follows last-seen so pruning pops the front. */
  private readonly targets = new Map<string, number>();
  /** Destination -> start times of session-like flows in the window; created on first need. */
  private sessions: Map<string, number[]> | null = null;
  private readonly flows: FlowColumns;
  /** The key of each buffered flow, in step with `flows` from `keyHead` on. */
  private readonly flowKeys: number[] = [];
  private keyHead = 0;
  private readonly keys = new KeyTable();
  private readonly parts = new FlowParts();

  constructor(
    private readonly limits: WindowLimits,
    private readonly keyer: FlowKeyer,
    source: WindowSource,
  ) {
    this.flows = new FlowColumns(source.address, source.protocol, limits.bufferCap + 1);
  }

  static fromState(
    state: SourceWindowState,
    limits: WindowLimits,
    keyer: FlowKeyer,
    source: WindowSource,
  ): SourceWindow {
    const window = new SourceWindow(limits, keyer, source);
    window.newest = state.newest;
    for (const [target, time] of state.targets) window.targets.set(target, time);
    if (state.sessions.length > 0)
      window.sessions = new Map(state.sessions.map(([target, times]) => [target, times.slice()]));
    for (const saved of state.flows) {
      const flow = flowFromState(saved);
      // Saved with this source's window, so always its flows; a state edited by hand could say otherwise.
      if (flow.srcAddr !== source.address || flow.protocol !== source.protocol) continue;
      const key = keyer.keyOf(flow);
      window.flows.push(flow);
      window.flowKeys.push(key);
      window.keys.add(key);
    }
    return window;
  }

  toState(fileName: string): SourceWindowState {
    return {
      newest: this.newest,
      targets: [...this.targets],
      sessions: this.sessions ? [...this.sessions] : [],
      flows: this.bufferedFlows().map((flow) => flowToState(flow, fileName)),
    };
  }

  /** Adds one flow; returns why the source now qualifies, null, or REPEAT for a flow it already holds. */
  add(flow: FlowRecord, sessionLike: boolean): QualificationReason | null | typeof REPEAT {
    const parts = this.keyer.partsOf(flow, this.parts);
    if (parts.isIn(this.keys)) return REPEAT;
    const time = flow.start;
    if (time > this.newest) this.newest = time;
    const cutoff = this.newest - this.limits.windowMs;

    this.buffer(flow, parts.key, cutoff);
    if (this.recordTarget(flow.dstAddr, time, cutoff)) return "distinct-targets";
    if (sessionLike && this.recordSession(flow.dstAddr, time, cutoff)) return "repeated-sessions";
    return null;
  }

  /** The buffered flows still inside the window, in arrival order. */
  bufferedFlows(): FlowRecord[] {
    return this.flows.toArray();
  }

  get distinctTargets(): number {
    return this.targets.size;
  }

  private buffer(flow: FlowRecord, key: number, cutoff: number): void {
    const flows = this.flows;
    flows.push(flow);
    this.flowKeys.push(key);
    this.keys.add(key);
    while (flows.length > 0 && flows.startAt(0) < cutoff) this.dropOldest();
    if (flows.length > this.limits.bufferCap) this.dropOldest();
  }

  private dropOldest(): void {
    this.flows.dropFirst();
    this.keys.delete(this.flowKeys[this.keyHead]!);
    this.keyHead++;
    if (this.keyHead >= 64 && this.keyHead * 2 >= this.flowKeys.length) {
      this.flowKeys.splice(0, this.keyHead);
      this.keyHead = 0;
    }
  }

  private recordTarget(destination: string, time: number, cutoff: number): boolean {
    const targets = this.targets;
    const previous = targets.get(destination);
    if (previous === undefined) {
      targets.set(destination, time);
    } else if (time >= previous) {
      targets.delete(destination);
      targets.set(destination, time);
    }
    const threshold = this.limits.minDistinctTargets;
    if (targets.size < threshold) return false;

    for (const [target, lastSeen] of targets) {
      if (lastSeen >= cutoff) break;
      this.forgetTarget(target);
    }
    if (targets.size < threshold) return false;
    // Out-of-order input can leave stale entries behind a fresh one; be exact before qualifying.
    for (const [target, lastSeen] of targets) {
      if (lastSeen < cutoff) this.forgetTarget(target);
    }
    return targets.size >= threshold;
  }

  private forgetTarget(target: string): void {
    this.targets.delete(target);
    this.sessions?.delete(target);
  }

  private recordSession(destination: string, time: number, cutoff: number): boolean {
    this.sessions ??= new Map();
    let times = this.sessions.get(destination);
    if (times === undefined) {
      times = [];
      this.sessions.set(destination, times);
    }
    times.push(time);
    let stale = 0;
    while (stale < times.length && times[stale]! < cutoff) stale++;
    if (stale > 0) times.splice(0, stale);
    const threshold = this.limits.bruteForceMinSessions;
    if (times.length < threshold) return false;
    let inWindow = 0;
    for (const sessionTime of times) if (sessionTime >= cutoff) inWindow++;
    return inWindow >= threshold;
  }
}
