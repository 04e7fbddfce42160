/**
 * Bytes → (gunzip) → text → lines → records, streaming. Lines are split here rather than
 * with readline (much slower); a line may straddle chunks, end in CRLF, or lack a final newline.
 */
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { MAX_REJECTED_SAMPLES, type FlowRecord, type ParseStats } from "../flow";
import { UnknownFormatError } from "./errors";
import type { FlowLineParser } from "./line-parser";

export type FlowInput = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

/** Longest line kept; anything longer is rejected (binary junk or a file without newlines). */
export const MAX_LINE_LENGTH = 1 << 20;
const SNIFF_BYTES = 8192;

/** Shared between the byte pipeline and the line loop. */
export interface StreamState {
  stats: ParseStats;
  gzipTruncated: boolean;
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
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
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
    return "binary nfcapd file; export it as text first, e.g. `nfdump -r FILE -o csv`";
  }
  if (
    startsWithBytes(sample, [0xd4, 0xc3, 0xb2, 0xa1]) ||
    startsWithBytes(sample, [0xa1, 0xb2, 0xc3, 0xd4]) ||
    startsWithBytes(sample, [0x0a, 0x0d, 0x0d, 0x0a])
  ) {
    return "packet capture (pcap); convert it to flows first (e.g. Zeek, or softflowd + nfdump)";
  }
  if (startsWithBytes(sample, [0x42, 0x5a, 0x68])) return "bzip2-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd-compressed data; only gzip is decompressed";
  if (startsWithBytes(sample, [0x50, 0x4b, 0x03, 0x04])) return "zip archive; only gzip is decompressed";
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return "binary data (NUL bytes), not a text flow export";
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return control > sample.length / 20 ? "binary data, not a text flow export" : null;
}

/** Text chunks of the input, gunzipped when it starts with the gzip magic bytes. */
export async function* textChunks(input: FlowInput, state: StreamState): AsyncGenerator<string> {
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
  const bytes = head[0] === 0x1f && head[1] === 0x8b ? gunzipped(source, state) : source;

  const decoder = new StringDecoder("utf8");
  let sniff: Buffer | null = Buffer.alloc(0) as Buffer;
  try {
    for await (const chunk of bytes) {
      if (sniff !== null) {
        sniff = Buffer.concat([sniff, chunk.subarray(0, SNIFF_BYTES - sniff.length)]);
        const problem = binaryProblem(sniff);
        if (problem !== null) throw new UnknownFormatError(problem);
        if (sniff.length >= SNIFF_BYTES) sniff = null;
      }
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    await source.return(undefined);
  }
}

function reject(stats: ParseStats, line: number, reason: string): void {
  stats.rejected++;
  if (stats.rejectedSamples.length < MAX_REJECTED_SAMPLES) stats.rejectedSamples.push({ line, reason });
}

function isBlankLine(line: string): boolean {
  const first = line.charCodeAt(0);
  return (first === 32 || first === 9) && line.trim().length === 0;
}

/**
 * Parses `headText` and then the rest of `text` into batches. Stats are updated line by line,
 * so they are current whenever a batch is handed out and final when iteration ends.
 */
export async function* flowBatches(
  headText: string,
  text: AsyncGenerator<string>,
  parser: FlowLineParser,
  state: StreamState,
  batchSize: number,
): AsyncGenerator<FlowRecord[]> {
  const stats = state.stats;
  let batch: FlowRecord[] = [];
  let lineNumber = 0;
  let pending = headText;
  let discardingLongLine = false;
  try {
    for (;;) {
      const chunk = pending;
      let pos = 0;
      let newline = chunk.indexOf("\n");
      while (newline !== -1) {
        if (discardingLongLine) {
          discardingLongLine = false; // the tail of a line already rejected
        } else {
          lineNumber++;
          stats.lines = lineNumber;
          let end = newline;
          if (end > pos && chunk.charCodeAt(end - 1) === 13) end--;
          if (end === pos) {
            stats.skipped++;
          } else {
            const line = chunk.slice(pos, end);
            const outcome = isBlankLine(line) ? null : parser.parseLine(line, lineNumber);
            if (outcome === null) stats.skipped++;
            else if (typeof outcome === "string") reject(stats, lineNumber, outcome);
            else {
              stats.flows++;
              batch.push(outcome);
              if (batch.length >= batchSize) {
                yield batch;
                batch = [];
              }
            }
          }
        }
        pos = newline + 1;
        newline = chunk.indexOf("\n", pos);
      }
      let rest = pos === 0 ? chunk : chunk.slice(pos);
      if (rest.length > MAX_LINE_LENGTH) {
        if (!discardingLongLine) {
          lineNumber++;
          stats.lines = lineNumber;
          reject(stats, lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
          discardingLongLine = true;
        }
        rest = "";
      }
      const next = await text.next();
      if (next.done) {
        if (rest.length > 0 && !discardingLongLine) {
          const finalFlow = parseFinalLine(rest, ++lineNumber, parser, stats);
          if (finalFlow !== null) batch.push(finalFlow);
        }
        break;
      }
      pending = rest.length > 0 ? rest + next.value : next.value;
    }
    if (state.gzipTruncated) {
      reject(stats, lineNumber + 1, "gzip data ends early: the file is truncated, flows after this point are missing");
    }
    if (batch.length > 0) yield batch;
  } finally {
    await text.return(undefined);
  }
}

/** A last line without a newline: complete (accepted) or cut short (rejected as truncated). */
function parseFinalLine(raw: string, lineNumber: number, parser: FlowLineParser, stats: ParseStats): FlowRecord | null {
  stats.lines = lineNumber;
  const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (line.length === 0 || isBlankLine(line)) {
    stats.skipped++;
    return null;
  }
  const outcome = parser.parseLine(line, lineNumber);
  if (outcome === null) {
    stats.skipped++;
    return null;
  }
  if (typeof outcome === "string") {
    reject(stats, lineNumber, `truncated last line (no newline at end of file): ${outcome}`);
    return null;
  }
  const incomplete = parser.incompleteReason?.(line) ?? null;
  if (incomplete !== null) {
    reject(stats, lineNumber, `truncated last line (no newline at end of file): ${incomplete}`);
    return null;
  }
  stats.flows++;
  return outcome;
}
