import type { FlowRecord } from "../flow";

/** Per row: start, end, packets, bytes, line, and the ports and TCP flags packed into one number. */
const STRIDE = 6;
const PORT_SCALE = 2 ** 24;

/**
 * The flows of one source in one typed array of rows: 48 bytes a flow plus its destination
 * string (usually shared with the source's target map), where a FlowRecord object with its own
 * strings costs about 200 and, kept for minutes, is promoted into the old generation for the
 * collector to trace and sweep later. One array, not one per field: each growth is a single
 * allocation. Candidates buffer their window here (dropping the oldest rows as the window
 * slides) and qualified sources their evidence. Every flow has the source's address and
 * protocol (the detector keeps flows per source and watched TCP port); records are rebuilt on
 * reading.
 */
export class FlowColumns implements Iterable<FlowRecord> {
  private rows = new Float64Array(8 * STRIDE);
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
      throw new Error(
        `FlowColumns of ${this.protocol} from ${this.srcAddr} given a ${flow.protocol} flow from ${flow.srcAddr}`,
      );
    }
    const { srcPort, dstPort, tcpFlags } = flow;
    if (!(isUint(srcPort, 0xffff) && isUint(dstPort, 0xffff) && isUint(tcpFlags, 0xff))) {
      throw new RangeError(`FlowColumns: ports ${srcPort}, ${dstPort} or TCP flags ${tcpFlags} out of range`);
    }
    if ((this.end + 1) * STRIDE > this.rows.length) this.makeRoom();
    const row = this.end++;
    const rows = this.rows;
    const at = row * STRIDE;
    rows[at] = flow.start;
    rows[at + 1] = flow.end;
    rows[at + 2] = flow.packets;
    rows[at + 3] = flow.bytes;
    rows[at + 4] = flow.line;
    rows[at + 5] = srcPort * PORT_SCALE + dstPort * 256 + tcpFlags;
    this.dstAddrs.push(flow.dstAddr);
    if (flow.origin !== undefined && this.origins === null)
      this.origins = new Array<string | undefined>(row).fill(undefined);
    this.origins?.push(flow.origin);
  }

  /** The start time of the i-th held row (0: the oldest). */
  startAt(i: number): number {
    return this.rows[(this.head + i) * STRIDE]!;
  }

  at(i: number): FlowRecord {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length)) throw new RangeError(`FlowColumns: no row ${i}`);
    const row = this.head + i;
    const at = row * STRIDE;
    const rows = this.rows;
    const packed = rows[at + 5]!;
    return new ColumnFlow(
      rows[at]!,
      rows[at + 1]!,
      this.protocol,
      this.srcAddr,
      Math.floor(packed / PORT_SCALE),
      this.dstAddrs[row]!,
      Math.floor(packed / 256) % 65536,
      packed % 256,
      rows[at + 2]!,
      rows[at + 3]!,
      rows[at + 4]!,
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
      this.rows.copyWithin(0, head * STRIDE, end * STRIDE);
      this.dstAddrs.splice(0, head);
      this.origins?.splice(0, head);
      this.head = 0;
      this.end = end - head;
      return;
    }
    const rowCount = Math.max(end + 1, Math.min((this.rows.length / STRIDE) * 2, this.capacity + head));
    const grown = new Float64Array(rowCount * STRIDE);
    grown.set(this.rows);
    this.rows = grown;
  }
}

function isUint(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
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
