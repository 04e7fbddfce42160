import type { FlowRecord } from "../flow";
import { grownArray } from "./grown-array";

/**
 * The flows of one source, kept for evidence, in columns: about 90 bytes a flow where a
 * FlowRecord object with its own address strings costs about 200. A qualified source keeps up
 * to evidenceCap of them (5,000 by default), so in a large file this is the bulk of what
 * detection holds. Every flow here has the source's address and protocol (the detector keeps
 * flows per source and watched TCP port); records are rebuilt on reading.
 */
export class FlowColumns implements Iterable<FlowRecord> {
  length = 0;
  private starts = new Float64Array(16);
  private ends = new Float64Array(16);
  private packets = new Float64Array(16);
  private bytes = new Float64Array(16);
  private lines = new Float64Array(16);
  private srcPorts = new Uint16Array(16);
  private dstPorts = new Uint16Array(16);
  private tcpFlags = new Uint8Array(16);
  private readonly dstAddrs: string[] = [];
  /** Row -> file, for flows carried over from an earlier file of the stream (rare). */
  private readonly origins = new Map<number, string>();

  /** `capacity`: the most rows that will be pushed, when known (storage never grows past it). */
  constructor(
    readonly srcAddr: string,
    readonly protocol: string,
    private readonly capacity = Infinity,
  ) {}

  push(flow: FlowRecord): void {
    if (flow.srcAddr !== this.srcAddr || flow.protocol !== this.protocol) {
      throw new Error(`FlowColumns of ${this.protocol} from ${this.srcAddr} given a ${flow.protocol} flow from ${flow.srcAddr}`);
    }
    if (this.length === this.starts.length) this.grow();
    const i = this.length++;
    this.starts[i] = flow.start;
    this.ends[i] = flow.end;
    this.packets[i] = flow.packets;
    this.bytes[i] = flow.bytes;
    this.lines[i] = flow.line;
    this.srcPorts[i] = flow.srcPort;
    this.dstPorts[i] = flow.dstPort;
    this.tcpFlags[i] = flow.tcpFlags;
    this.dstAddrs.push(flow.dstAddr);
    if (flow.origin !== undefined) this.origins.set(i, flow.origin);
  }

  at(i: number): FlowRecord {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`FlowColumns: no row ${i}`);
    const flow: FlowRecord = {
      start: this.starts[i]!,
      end: this.ends[i]!,
      protocol: this.protocol,
      srcAddr: this.srcAddr,
      srcPort: this.srcPorts[i]!,
      dstAddr: this.dstAddrs[i]!,
      dstPort: this.dstPorts[i]!,
      tcpFlags: this.tcpFlags[i]!,
      packets: this.packets[i]!,
      bytes: this.bytes[i]!,
      line: this.lines[i]!,
    };
    const origin = this.origins.get(i);
    if (origin !== undefined) flow.origin = origin;
    return flow;
  }

  *[Symbol.iterator](): IterableIterator<FlowRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  filter(keep: (flow: FlowRecord) => boolean): FlowRecord[] {
    const kept: FlowRecord[] = [];
    for (const flow of this) if (keep(flow)) kept.push(flow);
    return kept;
  }

  private grow(): void {
    const size = Math.max(this.length + 1, Math.min(this.starts.length * 2, this.capacity));
    this.starts = grownArray(this.starts, new Float64Array(size));
    this.ends = grownArray(this.ends, new Float64Array(size));
    this.packets = grownArray(this.packets, new Float64Array(size));
    this.bytes = grownArray(this.bytes, new Float64Array(size));
    this.lines = grownArray(this.lines, new Float64Array(size));
    this.srcPorts = grownArray(this.srcPorts, new Uint16Array(size));
    this.dstPorts = grownArray(this.dstPorts, new Uint16Array(size));
    this.tcpFlags = grownArray(this.tcpFlags, new Uint8Array(size));
  }
}
