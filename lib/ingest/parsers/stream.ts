/**
 * Bytes → (gunzip) → lines → records, streaming. Lines are split here on the raw bytes
 * (no readline, no decoding of whole lines): a line may straddle chunks, end in CRLF, or
 * lack a final newline.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { MAX_REJECTED_SAMPLES, type FlowFormatId, type FlowRecord, type ParseStats } from "../flow";
import { DecompressedTooLargeError, UnknownFormatError } from "./errors";
import type { FlowLineParser } from "./line-parser";

export type FlowInput = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

/** Longest line kept; anything longer is rejected (binary junk or a file without newlines). */
export const MAX_LINE_LENGTH = 1 << 20;
const SNIFF_BYTES = 8192;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Shared between the byte pipeline and the line loop. */
export interface StreamState {
  stats: ParseStats;
  gzipTruncated: boolean;
  /** Most bytes a gzip input may expand to; past it the read fails (DecompressedTooLargeError). */
  maxDecompressedBytes: number;
}

/** A reading's state before its first byte: every counter at zero. */
export function freshStreamState(format: FlowFormatId, maxDecompressedBytes = Number.POSITIVE_INFINITY): StreamState {
  return {
    stats: { format, bytes: 0, lines: 0, flows: 0, skipped: 0, rejected: 0, rejectedSamples: [] },
    gzipTruncated: false,
    maxDecompressedBytes,
  };
}

async function* countedBuffers(input: FlowInput, state: StreamState): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    state.stats.bytes += buffer.length;
    yield buffer;
  }
}

async function* prepend(head: Buffer, rest: AsyncGenerator<Buffer>, restDone: boolean): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (restDone) return;
  yield* rest;
}

async function* gunzipped(source: AsyncGenerator<Buffer>, state: StreamState): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const feeder = Readable.from(source);
  feeder.on("error", (error) => gunzip.destroy(error));
  feeder.pipe(gunzip);
  let expanded = 0;
  try {
    for await (const chunk of gunzip) {
      expanded += (chunk as Buffer).length;
      // Checked as it expands, so a bomb costs the limit's worth of work, not the whole expansion.
      if (expanded > state.maxDecompressedBytes) throw new DecompressedTooLargeError(state.maxDecompressedBytes);
      yield chunk as Buffer;
    }
  } catch (error) {
    // zlib hands over everything it could decompress before reporting the early end.
    if ((error as NodeJS.ErrnoException).code !== "Z_BUF_ERROR") throw error;
    state.gzipTruncated = true;
  } finally {
    feeder.destroy();
    gunzip.destroy();
  }
}

function startsWithBytes(buffer: Buffer, bytes: number[]): boolean {
  return bytes.every((byte, index) => buffer[index] === byte);
}

/** A reason when the first bytes are not text, else null. */
export function binaryProblem(sample: Buffer): string | null {
  if (startsWithBytes(sample, [0x0c, 0xa5])) {
    return "nfcapd data that is not a plain file here (e.g. gzip-compressed): store the nfcapd file as nfcapd wrote it";
  }
  if (
    startsWithBytes(sample, [0xd4, 0xc3, 0xb2, 0xa1]) ||
    startsWithBytes(sample, [0xa1, 0xb2, 0xc3, 0xd4]) ||
    startsWithBytes(sample, [0x0a, 0x0d, 0x0d, 0x0a])
  ) {
    return "packet capture (pcap); convert it to flows first (e.g. Zeek, or softflowd + nfdump)";
  }
  if (startsWithBytes(sample, [0x42, 0x5a, 0x68])) return "bzip2-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
    return "xz-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0x50, 0x4b, 0x03, 0x04])) return "zip archive; only gzip is decompressed";
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return "binary data (NUL bytes), not a text flow export";
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return control > sample.length / 20 ? "binary data, not a text flow export" : null;
}

/** The input's bytes, gunzipped when it starts with the gzip magic; rejects binary content early. */
export async function* contentChunks(input: FlowInput, state: StreamState): AsyncGenerator<Buffer> {
  const raw = countedBuffers(input, state);
  let head: Buffer = Buffer.alloc(0);
  let rawDone = false;
  while (head.length < 2) {
    const next = await raw.next();
    if (next.done) {
      rawDone = true;
      break;
    }
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  const source = prepend(head, raw, rawDone);
  const content = head[0] === 0x1f && head[1] === 0x8b ? gunzipped(source, state) : source;

  // Hold the first bytes back until there are enough to tell text from binary.
  let held: Buffer[] | null = [];
  let heldBytes = 0;
  const release = function* (): Generator<Buffer> {
    const sample = Buffer.concat(held!).subarray(0, SNIFF_BYTES);
    const problem = binaryProblem(sample);
    if (problem !== null) throw new UnknownFormatError(problem);
    yield* held!;
    held = null;
  };
  try {
    for await (const chunk of content) {
      if (chunk.length === 0) continue;
      if (held === null) {
        yield chunk;
        continue;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= SNIFF_BYTES) yield* release();
    }
    if (held !== null && heldBytes > 0) yield* release();
  } finally {
    await source.return(undefined);
  }
}

/** Runs each line through the parser and collects records; one instance per file. */
class LineLoop {
  lineNumber = 0;
  batch: FlowRecord[] = [];

  constructor(
    private readonly parser: FlowLineParser,
    private readonly stats: ParseStats,
  ) {}

  line(b: Buffer, start: number, end: number): void {
    const stats = this.stats;
    stats.lines = ++this.lineNumber;
    if (end > start && b[end - 1] === CARRIAGE_RETURN) end--;
    if (isBlank(b, start, end)) {
      stats.skipped++;
      return;
    }
    const outcome = this.parser.parseLine(b, start, end, this.lineNumber);
    if (outcome === null) stats.skipped++;
    else if (typeof outcome === "string") this.reject(this.lineNumber, outcome);
    else {
      stats.flows++;
      this.batch.push(outcome);
    }
  }

  /** A last line without a newline: complete (accepted) or cut short (rejected as truncated). */
  finalLine(b: Buffer): void {
    const stats = this.stats;
    const lineNumber = ++this.lineNumber;
    stats.lines = lineNumber;
    let end = b.length;
    if (end > 0 && b[end - 1] === CARRIAGE_RETURN) end--;
    if (isBlank(b, 0, end)) {
      stats.skipped++;
      return;
    }
    const outcome = this.parser.parseLine(b, 0, end, lineNumber);
    if (outcome === null) {
      stats.skipped++;
      return;
    }
    const problem = typeof outcome === "string" ? outcome : (this.parser.incompleteReason?.(b, 0, end) ?? null);
    if (problem !== null) {
      this.reject(lineNumber, `truncated last line (no newline at end of file): ${problem}`);
      return;
    }
    stats.flows++;
    this.batch.push(outcome as FlowRecord);
  }

  tooLong(): void {
    this.stats.lines = ++this.lineNumber;
    this.reject(this.lineNumber, `line longer than ${MAX_LINE_LENGTH} bytes`);
  }

  reject(line: number, reason: string): void {
    const stats = this.stats;
    stats.rejected++;
    if (stats.rejectedSamples.length < MAX_REJECTED_SAMPLES) stats.rejectedSamples.push({ line, reason });
  }

  takeBatch(): FlowRecord[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }
}

function isBlank(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = b[i];
    if (byte !== 32 && byte !== 9) return false;
  }
  return true;
}

function startsWithBom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/**
 * Parses `head` and then the rest of `chunks` into batches. Stats are updated line by line,
 * so they are current whenever a batch is handed out and final when iteration ends.
 */
export async function* flowBatches(
  head: Buffer,
  chunks: AsyncGenerator<Buffer>,
  parser: FlowLineParser,
  state: StreamState,
  batchSize: number,
): AsyncGenerator<FlowRecord[]> {
  const loop = new LineLoop(parser, state.stats);
  let chunk = head;
  let pos = startsWithBom(head) ? 3 : 0;
  // The start of a line that continues in the next chunk; its bytes are copied.
  let carry: Buffer | null = null;
  let discardingLongLine = false;
  try {
    for (;;) {
      if (carry !== null || discardingLongLine) {
        const newline = chunk.indexOf(NEWLINE, pos);
        if (newline === -1) {
          if (!discardingLongLine) {
            carry = Buffer.concat([carry!, chunk.subarray(pos)]);
            if (carry.length > MAX_LINE_LENGTH) {
              loop.tooLong();
              carry = null;
              discardingLongLine = true;
            }
          }
          pos = chunk.length;
        } else {
          if (discardingLongLine) discardingLongLine = false;
          else if (carry!.length + newline - pos > MAX_LINE_LENGTH) loop.tooLong();
          else {
            const line = Buffer.concat([carry!, chunk.subarray(pos, newline)]);
            loop.line(line, 0, line.length);
          }
          carry = null;
          pos = newline + 1;
        }
      }
      if (carry === null && !discardingLongLine) {
        let newline = chunk.indexOf(NEWLINE, pos);
        while (newline !== -1) {
          loop.line(chunk, pos, newline);
          pos = newline + 1;
          if (loop.batch.length >= batchSize) yield loop.takeBatch();
          newline = chunk.indexOf(NEWLINE, pos);
        }
        if (pos < chunk.length) {
          carry = Buffer.from(chunk.subarray(pos));
          if (carry.length > MAX_LINE_LENGTH) {
            loop.tooLong();
            carry = null;
            discardingLongLine = true;
          }
        }
      }
      if (loop.batch.length >= batchSize) yield loop.takeBatch();

      const next = await chunks.next();
      if (next.done) break;
      chunk = next.value;
      pos = 0;
    }
    if (carry !== null) loop.finalLine(carry);
    if (state.gzipTruncated) {
      loop.reject(
        loop.lineNumber + 1,
        "gzip data ends early: the file is truncated, flows after this point are missing",
      );
    }
    if (loop.batch.length > 0) yield loop.takeBatch();
  } finally {
    await chunks.return(undefined);
  }
}
