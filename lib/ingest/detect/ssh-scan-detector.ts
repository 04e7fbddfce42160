import type { FlowRecord } from "../flow";
import type { AddressBlockIndex, AddressBlockMatch } from "../../net/address-block-index";
import { ActivityAccumulator } from "./activity-accumulator";
import { type AllowCover, AllowList, type AllowListEntry } from "./allow-list";
import type { FlowColumns } from "./flow-columns";
import { FlowKeyer } from "./flow-key";
import type { FlowLedger } from "./flow-ledger";
import { FlowShape, flowShape } from "./flow-shape";
import { resolveDetectionSettings, type DetectionSettings } from "./settings";
import {
  REPEAT,
  SourceWindow,
  type QualificationReason,
  type SourceWindowState,
  type WindowLimits,
  type WindowSource,
} from "./source-window";

export type ActivityKind = "scan" | "brute-force";

export interface DetectedActivity {
  organisationId: string;
  blockCidr: string;
  blockId: string | null;
  sourceIp: string;
  port: number;
  kind: ActivityKind;
  /** The rule that fired first. */
  reason: QualificationReason;
  /** From the start of the qualifying window to the end of the input. */
  flows: number;
  /** Exact up to settings.maxTrackedTargets (then distinctTargetsCapped); not limited by evidenceCap. */
  distinctTargets: number;
  distinctTargetsCapped: boolean;
  /** Flows with <= scanMaxPackets packets or no ACK. */
  probeFlows: number;
  /** Flows of bruteForceMinPackets..bruteForceMaxPackets packets with ACK. */
  sessionFlows: number;
  /** Earliest flow start (epoch ms). */
  firstSeen: number;
  /** Latest flow end (epoch ms). */
  lastSeen: number;
  /** First K flows, input order. */
  sampleHead: FlowRecord[];
  /** Last K flows after the head (never overlapping it), input order. */
  sampleTail: FlowRecord[];
  /** The first evidenceCap flows, input order. */
  evidence: FlowColumns;
  evidenceTruncated: boolean;
  /** Every counted flow's key, target, times and shape: for recounting against what an incident already holds. */
  ledger: FlowLedger;
}

export interface DetectorStats {
  flowsSeen: number;
  /** Flows to a watched port over TCP. */
  flowsToWatchedPorts: number;
  /** ...of which the source is in a member block. */
  memberFlows: number;
  allowListedFlows: number;
  /** Sources being watched that have not qualified. */
  candidates: number;
  peakCandidates: number;
  evictedCandidates: number;
  qualifiedSources: number;
  /** Flows of watched sources recognised as delivered before (same tuple, start within the tolerance). */
  repeatedFlows: number;
}

/** What one allow-list entry (suppression) held back in this input. */
export interface SuppressionHit {
  entryId: string;
  /** Flows it suppressed. */
  flows: number;
  /** Start of the latest of them (epoch ms). */
  lastFlowStart: number;
}

/** What a stream carries from one file to the next: the sources still inside a window. */
export interface DetectorState {
  version: typeof DETECTOR_STATE_VERSION;
  /** The newest input time seen (the median-of-three clock of each batch), epoch ms. */
  clock: number;
  sources: SavedSource[];
}

interface SavedSource {
  ip: string;
  port: number;
  lastActivity: number;
  /** Set once the source qualified: its later flows count without a window. */
  reason: QualificationReason | null;
  window: SourceWindowState | null;
}

export const DETECTOR_STATE_VERSION = 1;

export interface SshScanDetectorOptions {
  index: AddressBlockIndex;
  /** Missing fields take DEFAULT_DETECTION_SETTINGS; invalid values throw RangeError. */
  settings: Partial<DetectionSettings>;
  allowList?: AllowListEntry[];
  /** Continue from the state a previous file of the same stream left (see exportState). */
  state?: DetectorState;
}

/** The watched ports are TCP ports. */
const WATCHED_PROTOCOL = "TCP";

/** How far out of order flows may come inside one file before an idle source's window is dropped. */
const DISORDER_TOLERANCE_MS = 60_000;

class TrackedSource {
  lastActivity = -Infinity;
  /** Null once the source qualified. */
  window: SourceWindow | null = null;
  /** Created when the source has counted flows in this file. */
  activity: ActivityAccumulator | null = null;
  reason: QualificationReason | null = null;

  constructor(
    readonly sourceIp: string,
    readonly port: number,
    readonly block: AddressBlockMatch,
    readonly allowed: AllowCover,
  ) {}
}

/**
 * Finds member hosts scanning or brute-forcing SSH (see DetectionSettings). Feed batches in
 * file order with push(), then call finish(). Memory is bounded by the number of member
 * sources active within one window plus the (bounded) records of qualified sources.
 */
export class SshScanDetector {
  private readonly index: AddressBlockIndex;
  private readonly settings: DetectionSettings;
  private readonly allowList: AllowList;
  private readonly windowLimits: WindowLimits;
  private readonly windowMs: number;
  /** dstPort -> slot in sourcesBySlot, or -1 for unwatched ports. */
  private readonly portSlot = new Int8Array(65536).fill(-1);
  private readonly sourcesBySlot: Map<string, TrackedSource>[];
  private readonly sweepIntervalMs: number;
  private readonly keyer: FlowKeyer;
  private readonly carryOverMs: number;
  private readonly hits = new Map<string, SuppressionHit>();
  private lastSweepClock = NaN;
  private clock = -Infinity;
  private finished = false;
  private readonly counters: DetectorStats = {
    flowsSeen: 0,
    flowsToWatchedPorts: 0,
    memberFlows: 0,
    allowListedFlows: 0,
    candidates: 0,
    peakCandidates: 0,
    evictedCandidates: 0,
    qualifiedSources: 0,
    repeatedFlows: 0,
  };

  constructor(options: SshScanDetectorOptions) {
    this.index = options.index;
    this.settings = resolveDetectionSettings(options.settings);
    this.allowList = new AllowList(options.allowList ?? []);
    this.windowMs = this.settings.windowMinutes * 60_000;
    this.sweepIntervalMs = Math.max(1_000, this.windowMs / 4);
    this.windowLimits = {
      windowMs: this.windowMs,
      minDistinctTargets: this.settings.minDistinctTargets,
      bruteForceMinSessions: this.settings.bruteForceMinSessions,
      bufferCap: Math.max(this.settings.evidenceCap, 2 * this.settings.sampleSize),
    };
    const ports = [...new Set(this.settings.ports)];
    if (ports.length > 127) throw new RangeError("ports: at most 127 ports can be watched.");
    for (const [slot, port] of ports.entries()) this.portSlot[port] = slot;
    this.sourcesBySlot = ports.map(() => new Map());
    this.keyer = new FlowKeyer(this.settings.repeatToleranceSeconds * 1000);
    this.carryOverMs = this.windowMs + this.settings.lateToleranceMinutes * 60_000;
    if (options.state) this.restore(options.state);
  }

  /** The newest input time seen so far, including what a restored state had seen. */
  get inputClock(): number {
    return this.clock;
  }

  push(batch: readonly FlowRecord[]): void {
    if (this.finished) throw new Error("SshScanDetector.push() called after finish().");
    const portSlot = this.portSlot;
    const index = this.index;
    let watched = 0;
    for (let i = 0; i < batch.length; i++) {
      const flow = batch[i]!;
      const slot = portSlot[flow.dstPort];
      if (slot === undefined || slot < 0 || flow.protocol !== WATCHED_PROTOCOL) continue;
      watched++;
      const block = index.lookup(flow.srcAddr);
      if (block !== null) this.observe(flow, slot, block);
    }
    this.counters.flowsSeen += batch.length;
    this.counters.flowsToWatchedPorts += watched;
    if (batch.length > 0) {
      const clock = batchClock(batch);
      if (clock > this.clock) this.clock = clock;
      this.maybeSweep(clock);
    }
  }

  /** What qualified sources did in this input (sources carried over from a state that sent nothing here are left out). */
  finish(): DetectedActivity[] {
    this.finished = true;
    const found: DetectedActivity[] = [];
    for (const sources of this.sourcesBySlot) {
      for (const source of sources.values()) {
        if (source.activity !== null && source.activity.flows > 0 && source.reason !== null) {
          found.push(this.describe(source, source.activity, source.reason));
        }
      }
    }
    return found.sort(
      (a, b) =>
        a.firstSeen - b.firstSeen || (a.sourceIp < b.sourceIp ? -1 : a.sourceIp > b.sourceIp ? 1 : a.port - b.port),
    );
  }

  stats(): DetectorStats {
    return { ...this.counters };
  }

  /** Per allow-list entry (with an id): the flows it suppressed in this input and the latest one's start. */
  suppressionHits(): SuppressionHit[] {
    return [...this.hits.values()].map((hit) => ({ ...hit }));
  }

  private countHit(entryId: string, start: number): void {
    const hit = this.hits.get(entryId);
    if (hit === undefined) this.hits.set(entryId, { entryId, flows: 1, lastFlowStart: start });
    else {
      hit.flows++;
      if (start > hit.lastFlowStart) hit.lastFlowStart = start;
    }
  }

  /**
   * The sources still inside a window (plus the late tolerance) of the newest input time, for
   * the next file of the stream. Call after finish(). Bounded like the detector itself.
   */
  exportState(fileName: string): DetectorState {
    const horizon = this.clock - this.carryOverMs;
    const sources: SavedSource[] = [];
    for (const slot of this.sourcesBySlot) {
      for (const source of slot.values()) {
        if (!(source.lastActivity >= horizon)) continue;
        sources.push({
          ip: source.sourceIp,
          port: source.port,
          lastActivity: source.lastActivity,
          reason: source.reason,
          window: source.window?.toState(fileName) ?? null,
        });
      }
    }
    return { version: DETECTOR_STATE_VERSION, clock: this.clock, sources };
  }

  private restore(state: DetectorState): void {
    if (state.version !== DETECTOR_STATE_VERSION)
      throw new RangeError(`detector state version ${String(state.version)} is not ${DETECTOR_STATE_VERSION}`);
    this.clock = state.clock;
    for (const saved of state.sources) {
      const slot = this.portSlot[saved.port];
      const block = this.index.lookup(saved.ip);
      // The watched ports or the member's blocks changed since: that source is no longer watched.
      if (slot === undefined || slot < 0 || block === null) continue;
      const source = new TrackedSource(
        saved.ip,
        saved.port,
        block,
        this.allowList.cover(block.organisationId, saved.ip),
      );
      source.lastActivity = saved.lastActivity;
      source.reason = saved.reason;
      if (saved.reason === null) {
        source.window = saved.window
          ? SourceWindow.fromState(saved.window, this.windowLimits, this.keyer, windowSourceOf(source))
          : this.windowFor(source);
        this.counters.candidates++;
      }
      this.sourcesBySlot[slot]!.set(saved.ip, source);
    }
    this.counters.peakCandidates = this.counters.candidates;
  }

  private observe(flow: FlowRecord, slot: number, block: AddressBlockMatch): void {
    const counters = this.counters;
    counters.memberFlows++;
    const sources = this.sourcesBySlot[slot]!;
    let source = sources.get(flow.srcAddr);
    if (source === undefined) {
      const allowed = this.allowList.cover(block.organisationId, flow.srcAddr);
      source = new TrackedSource(flow.srcAddr, flow.dstPort, block, allowed);
      source.window = this.windowFor(source);
      sources.set(flow.srcAddr, source);
      if (++counters.candidates > counters.peakCandidates) counters.peakCandidates = counters.candidates;
    }
    if (flow.start < source.allowed.until) {
      counters.allowListedFlows++;
      if (source.allowed.entryId !== null) this.countHit(source.allowed.entryId, flow.start);
      return;
    }
    if (flow.start > source.lastActivity) source.lastActivity = flow.start;
    const shape = flowShape(flow, this.settings);

    const window = source.window;
    if (window === null) {
      source.activity ??= this.accumulatorFor(source);
      if (!source.activity.add(flow, shape)) counters.repeatedFlows++;
      return;
    }
    const reason = window.add(flow, shape === FlowShape.Session);
    if (reason === REPEAT) counters.repeatedFlows++;
    else if (reason !== null) this.qualify(source, window, reason);
  }

  private qualify(source: TrackedSource, window: SourceWindow, reason: QualificationReason): void {
    const activity = this.accumulatorFor(source);
    for (const flow of window.bufferedFlows()) activity.add(flow, flowShape(flow, this.settings));
    source.activity = activity;
    source.reason = reason;
    source.window = null;
    this.counters.candidates--;
    this.counters.qualifiedSources++;
  }

  private windowFor(source: TrackedSource): SourceWindow {
    return new SourceWindow(this.windowLimits, this.keyer, windowSourceOf(source));
  }

  private accumulatorFor(source: TrackedSource): ActivityAccumulator {
    return new ActivityAccumulator(this.settings, this.keyer, windowSourceOf(source));
  }

  /**
   * Drops sources below threshold whose last flow is more than a window (plus disorder
   * tolerance) away from the input's clock, in either direction so a stray timestamp
   * cannot pin them. Sweeps run every quarter window of input time: O(candidates) each.
   */
  private maybeSweep(clock: number): void {
    if (!Number.isFinite(clock)) return;
    if (Number.isFinite(this.lastSweepClock) && Math.abs(clock - this.lastSweepClock) < this.sweepIntervalMs) return;
    this.lastSweepClock = clock;
    const horizon = this.windowMs + DISORDER_TOLERANCE_MS;
    for (const sources of this.sourcesBySlot) {
      for (const [address, source] of sources) {
        if (source.window === null) continue;
        if (Math.abs(clock - source.lastActivity) > horizon) {
          sources.delete(address);
          this.counters.candidates--;
          this.counters.evictedCandidates++;
        }
      }
    }
  }

  private describe(
    source: TrackedSource,
    activity: ActivityAccumulator,
    reason: QualificationReason,
  ): DetectedActivity {
    return {
      organisationId: source.block.organisationId,
      blockCidr: source.block.cidr,
      blockId: source.block.blockId,
      sourceIp: source.sourceIp,
      port: source.port,
      kind: activityKind(activity, reason, this.settings.minDistinctTargets),
      reason,
      flows: activity.flows,
      distinctTargets: activity.distinctTargets,
      distinctTargetsCapped: activity.targetsCapped,
      probeFlows: activity.probeFlows,
      sessionFlows: activity.sessionFlows,
      firstSeen: activity.firstSeen,
      lastSeen: activity.lastSeen,
      sampleHead: activity.sampleHead.slice(),
      sampleTail: activity.sampleTail(),
      evidence: activity.evidence,
      evidenceTruncated: activity.evidenceTruncated,
      ledger: activity.ledger,
    };
  }
}

/**
 * Brute force when login-sized sessions outnumber probes, or when only the repeated-session
 * rule fired and the source never reached N targets (a few probes around a password attack).
 */
export function activityKind(
  activity: { probeFlows: number; sessionFlows: number; distinctTargets: number },
  reason: QualificationReason,
  minDistinctTargets: number,
): ActivityKind {
  if (activity.sessionFlows > activity.probeFlows) return "brute-force";
  if (reason === "repeated-sessions" && activity.distinctTargets < minDistinctTargets) return "brute-force";
  return "scan";
}

function windowSourceOf(source: TrackedSource): WindowSource {
  return { address: source.sourceIp, protocol: WATCHED_PROTOCOL };
}

/** Median of three samples: one bogus timestamp in a batch cannot move the sweep clock. */
function batchClock(batch: readonly FlowRecord[]): number {
  const a = batch[0]!.start;
  const b = batch[batch.length >>> 1]!.start;
  const c = batch[batch.length - 1]!.start;
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
