/**
 * Flow-file ingest: detect the format from the first lines, then stream records in batches.
 * Binary nfcapd files are recognised by their header and read through nfdump (./nfcapd.ts).
 *
 *   const flows = await openFlowFile(path, { watchedPorts: [22] });
 *   for await (const batch of flows.batches) { ... }   // flows.stats is final afterwards
 *
 * ICMP "ports": nfdump's `type.code` becomes type * 256 + code (nfdump's own encoding);
 * other tools' ICMP port fields are kept as they print them.
 */
import { createReadStream } from "node:fs";
import type { FlowFormatId, FlowRecord, ParseStats } from "../flow";
import { ArgusBinetflowParser } from "./argus-binetflow";
import { detectFormat, DETECTION_LINE_COUNT } from "./detect";
import { looksLikeSshdLog, SSHD_LOG_HINT, UnknownFormatError } from "./errors";
import type { FlowLineParser } from "./line-parser";
import { isNfcapdFile, nfcapdFlowBatches } from "./nfcapd";
import { createNfdumpCsvParser } from "./nfdump-csv";
import { createNfdumpCsvFastParser } from "./nfdump-csv-fast";
import { createNfdumpLegacyCsvParser } from "./nfdump-csv-legacy";
import { NfdumpPipeParser } from "./nfdump-pipe";
import { NfdumpTextParser } from "./nfdump-text";
import { SeedFlowLineParser } from "./seed-flow-lines";
import { SilkRwcutParser } from "./silk-rwcut";
import { contentChunks, flowBatches, freshStreamState, type FlowInput } from "./stream";
import { ZeekConnJsonParser } from "./zeek-conn-json";
import { ZeekConnTsvParser } from "./zeek-conn-tsv";

export { detectFormat } from "./detect";
export {
  DecompressedTooLargeError,
  NfdumpFailedError,
  NfdumpMissingError,
  SUPPORTED_FORMAT_NAMES,
  UnknownFormatError,
} from "./errors";
export { isNfcapdHeader } from "./nfcapd";
export { parseTextLine, type FlowLineParser, type LineOutcome } from "./line-parser";
export type { FlowInput } from "./stream";

export const DEFAULT_BATCH_SIZE = 2000;
/** Detection reads at most this much when the first lines are very long. */
const MAX_DETECTION_BYTES = 1 << 20;

/** Formats read line by line from the file itself (everything but nfcapd). */
export type TextFlowFormatId = Exclude<FlowFormatId, "nfcapd">;

const PARSER_FACTORIES: Record<TextFlowFormatId, () => FlowLineParser> = {
  "seed-flow-lines": () => new SeedFlowLineParser(),
  "nfdump-csv-legacy": createNfdumpLegacyCsvParser,
  "nfdump-csv": createNfdumpCsvParser,
  "nfdump-csv-fast": createNfdumpCsvFastParser,
  "nfdump-text": () => new NfdumpTextParser(),
  "nfdump-pipe": () => new NfdumpPipeParser(),
  "zeek-conn-tsv": () => new ZeekConnTsvParser(),
  "zeek-conn-json": () => new ZeekConnJsonParser(),
  "silk-rwcut": () => new SilkRwcutParser(),
  "argus-binetflow": () => new ArgusBinetflowParser(),
};

export const FLOW_FORMATS = Object.keys(PARSER_FACTORIES) as TextFlowFormatId[];

/** A fresh, stateful line parser for one file of the given format. */
export function createLineParser(format: FlowFormatId): FlowLineParser {
  if (format === "nfcapd") {
    throw new UnknownFormatError("nfcapd files are binary: open them by path (openFlowFile), nfdump reads them");
  }
  const factory = PARSER_FACTORIES[format];
  if (factory === undefined) throw new UnknownFormatError(`unknown format id "${String(format)}"`);
  return factory();
}

export interface FlowStream {
  format: FlowFormatId;
  /** Single use. Each batch is a new array the consumer may keep. Breaking out closes the input. */
  batches: AsyncIterable<FlowRecord[]>;
  /** Live: updated as batches are consumed, final once iteration has finished. */
  stats: ParseStats;
  /** Closes the input without reading on, e.g. when `batches` will not be iterated at all. */
  close(): Promise<void>;
}

export interface OpenFlowOptions {
  /** Records per batch (default 2,000). */
  batchSize?: number;
  /** gzip input: most bytes it may expand to (default: no limit); past it the read fails with DecompressedTooLargeError. */
  maxDecompressedBytes?: number;
  /** Skip detection and parse as this format. */
  format?: FlowFormatId;
  /**
   * nfcapd files: the destination TCP ports detection watches, pushed down to nfdump as its
   * filter so that only those flows are read (default: every flow). Text formats ignore it.
   */
  watchedPorts?: readonly number[];
  /** nfcapd files: aborting stops nfdump and fails the read with the signal's reason. */
  signal?: AbortSignal;
  /** nfcapd files: the nfdump program (default: NFDUMP_PATH, else nfdump on PATH). */
  nfdumpPath?: string;
}

/** Counts non-blank lines chunk by chunk, for deciding when enough has been read to detect. */
class NonBlankLineCounter {
  count = 0;
  private lineHasText = false;

  add(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte === 10) {
        if (this.lineHasText) this.count++;
        this.lineHasText = false;
      } else if (byte !== 13 && byte !== 32 && byte !== 9) {
        this.lineHasText = true;
      }
    }
  }
}

/**
 * Opens a flow export (plain or gzip) from a stream. Reads just enough to recognise the
 * format; throws UnknownFormatError for empty, binary or unrecognised input.
 */
export async function openFlowStream(input: FlowInput, opts: OpenFlowOptions = {}): Promise<FlowStream> {
  const batchSize = batchSizeOf(opts);
  const state = freshStreamState(opts.format ?? "seed-flow-lines", opts.maxDecompressedBytes);
  const stats = state.stats;
  const chunks = contentChunks(input, state);

  try {
    const headChunks: Buffer[] = [];
    const lineCounter = new NonBlankLineCounter();
    let headBytes = 0;
    while (lineCounter.count < DETECTION_LINE_COUNT && headBytes < MAX_DETECTION_BYTES) {
      const next = await chunks.next();
      if (next.done) break;
      headChunks.push(next.value);
      lineCounter.add(next.value);
      headBytes += next.value.length;
    }
    const head = Buffer.concat(headChunks);
    const headText = head.toString("utf8", 0, Math.min(head.length, MAX_DETECTION_BYTES));
    if (headText.replace(/^\uFEFF/, "").trim().length === 0) throw new UnknownFormatError("empty file");

    let format = opts.format;
    if (format === undefined) {
      const detected = detectFormat(headText.split("\n", DETECTION_LINE_COUNT * 4));
      if (detected === null)
        throw new UnknownFormatError(
          "no supported format matches the first lines",
          looksLikeSshdLog(headText) ? { hint: SSHD_LOG_HINT } : {},
        );
      format = detected;
    }
    stats.format = format;
    const parser = createLineParser(format);
    const batches = flowBatches(head, chunks, parser, state, batchSize);
    const close = async () => {
      await batches.return(undefined);
      await chunks.return(undefined); // batches never started: its own cleanup did not run
    };
    return { format, stats, batches, close };
  } catch (error) {
    await chunks.return(undefined);
    throw error;
  }
}

/**
 * openFlowStream on a file path; a binary nfcapd file (recognised by its header) is read by
 * nfdump instead, with the watched ports as its filter. nfdump failing (truncated or corrupt
 * file) makes `batches` throw NfdumpFailedError with nfdump's reason; without nfdump this
 * throws NfdumpMissingError, which says how to install it.
 */
export async function openFlowFile(path: string, opts: OpenFlowOptions = {}): Promise<FlowStream> {
  const nfcapd = opts.format === undefined ? await isNfcapdFile(path) : opts.format === "nfcapd";
  if (!nfcapd) return openFlowStream(createReadStream(path, { highWaterMark: 256 * 1024 }), opts);
  const read = await nfcapdFlowBatches(path, { ...opts, batchSize: batchSizeOf(opts) });
  const close = async () => {
    await read.batches.return(undefined);
    await read.output.return(undefined);
  };
  return { format: read.format, stats: read.stats, batches: read.batches, close };
}

function batchSizeOf(opts: OpenFlowOptions): number {
  return Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE));
}
