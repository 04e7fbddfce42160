import type { FlowRecord } from "../flow";

type Column = Float64Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/**
 * The flows of one source in typed-array columns: about 45 bytes a flow plus its destination
 * string (usually shared with the source's target map), where a FlowRecord object with its own
 * strings costs about 200 and, kept for minutes, is promoted into the old generation for the
 * collector to trace and sweep later. Candidates buffer their window here (dropping the oldest
 * rows as the window slides) and qualified sources their evidence. Every flow has the source's
 * address and protocol (the detector keeps flows per source and watched TCP port); records are
 * rebuilt on reading.
 */
export class FlowColumns implements Iterable<FlowRecord> {
  private starts = new Float64Array(8);
  private ends = new Float64Array(8);
  private packets = new Float64Array(8);
  private bytes = new Float64Array(8);
  private lines = new Float64Array(8);
  private srcPorts = new Uint16Array(8);
  private dstPorts = new Uint16Array(8);
  private tcpFlags = new Uint8Array(8);
  private readonly dstAddrs: string[] = [];
  /** Per row, the file a flow carried over from an earlier file of the stream came from; created on first need. */
  private origins: (string | undefined)[] | null = null;
  /** Rows [head, end) are held. */
  private head = 0;
  private end = 0;

  /** `capacity`: the most rows that will be held at once, when known, so storage never grows past it. */
  constructor(
    readonly srcAddr: string,
    readonly protocol: string,
    private readonly capacity = Infinity,
  ) {}

  get length(): number {
    return this.end - this.head;
  }

  push(flow: FlowRecord): void {
    if (flow.srcAddr !== this.srcAddr || flow.protocol !== this.protocol) {
      throw new Error(`FlowColumns of ${this.protocol} from ${this.srcAddr} given a ${flow.protocol} flow from ${flow.srcAddr}`);
    }
    if (this.end === this.starts.length) this.makeRoom();
    const i = this.end++;
    this.starts[i] = flow.start;
    this.ends[i] = flow.end;
    this.packets[i] = flow.packets;
    this.bytes[i] = flow.bytes;
    this.lines[i] = flow.line;
    this.srcPorts[i] = flow.srcPort;
    this.dstPorts[i] = flow.dstPort;
    this.tcpFlags[i] = flow.tcpFlags;
    this.dstAddrs.push(flow.dstAddr);
    if (flow.origin !== undefined && this.origins === null) this.origins = new Array<string | undefined>(i).fill(undefined);
    this.origins?.push(flow.origin);
  }

  /** The start time of the i-th held row (0: the oldest). */
  startAt(i: number): number {
    return this.starts[this.head + i]!;
  }

  at(i: number): FlowRecord {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length)) throw new RangeError(`FlowColumns: no row ${i}`);
    const row = this.head + i;
    return new ColumnFlow(
      this.starts[row]!,
      this.ends[row]!,
      this.protocol,
      this.srcAddr,
      this.srcPorts[row]!,
      this.dstAddrs[row]!,
      this.dstPorts[row]!,
      this.tcpFlags[row]!,
      this.packets[row]!,
      this.bytes[row]!,
      this.lines[row]!,
      this.origins?.[row],
    );
  }

  /** Forgets the oldest row. */
  dropFirst(): void {
    if (this.head < this.end) this.head++;
  }

  *[Symbol.iterator](): IterableIterator<FlowRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toArray(): FlowRecord[] {
    return [...this];
  }

  filter(keep: (flow: FlowRecord) => boolean): FlowRecord[] {
    const kept: FlowRecord[] = [];
    for (const flow of this) if (keep(flow)) kept.push(flow);
    return kept;
  }

  /** Moves the held rows to the front when at least half the storage is forgotten, else grows. */
  private makeRoom(): void {
    const { head, end } = this;
    if (head > 0 && head * 2 >= end) {
      for (const column of this.columns()) column.copyWithin(0, head, end);
      this.dstAddrs.splice(0, head);
      this.origins?.splice(0, head);
      this.head = 0;
      this.end = end - head;
      return;
    }
    const size = Math.max(end + 1, Math.min(this.starts.length * 2, this.capacity + head));
    this.starts = grown(this.starts, new Float64Array(size));
    this.ends = grown(this.ends, new Float64Array(size));
    this.packets = grown(this.packets, new Float64Array(size));
    this.bytes = grown(this.bytes, new Float64Array(size));
    this.lines = grown(this.lines, new Float64Array(size));
    this.srcPorts = grown(this.srcPorts, new Uint16Array(size));
    this.dstPorts = grown(this.dstPorts, new Uint16Array(size));
    this.tcpFlags = grown(this.tcpFlags, new Uint8Array(size));
  }

  private columns(): Column[] {
    return [this.starts, this.ends, this.packets, this.bytes, this.lines, this.srcPorts, this.dstPorts, this.tcpFlags];
  }
}

/**
 * A flow read back from columns. A class of its own, not an object literal: literals with the
 * parsers' property order would share their hidden classes, and numbers read from typed arrays
 * (doubles) stored where the parsers store small integers would deprecate those classes and
 * slow every flow the parsers make afterwards (measured: detection at half speed).
 */
class ColumnFlow implements FlowRecord {
  constructor(
    public start: number,
    public end: number,
    public protocol: string,
    public srcAddr: string,
    public srcPort: number,
    public dstAddr: string,
    public dstPort: number,
    public tcpFlags: number,
    public packets: number,
    public bytes: number,
    public line: number,
    public origin: string | undefined,
  ) {}
}

function grown<T extends Column>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
