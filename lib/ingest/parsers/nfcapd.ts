/**
 * Binary nfcapd files (what nfcapd, sfcapd and nfpcapd write), read by running nfdump as a
 * streamed child process: nfdump applies the filter (TCP to the watched ports) before it
 * prints anything, so only what detection needs crosses the pipe, in a numbers-only layout
 * (`-o pipe` up to 1.7.4, `-o csv-fast` from 1.7.5) that our line parsers read.
 * Compressed blocks (LZO, bzip2, LZ4, zstd) are nfdump's business.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { open, stat } from "node:fs/promises";
import { nfdumpPath } from "../../env";
import type { FlowFormatId, FlowRecord, ParseStats } from "../flow";
import { NfdumpFailedError, NfdumpMissingError } from "./errors";
import type { FlowLineParser } from "./line-parser";
import { createNfdumpCsvFastParser } from "./nfdump-csv-fast";
import { NfdumpPipeParser } from "./nfdump-pipe";
import { flowBatches, freshStreamState } from "./stream";

const NFCAPD_MAGIC = 0xa50c;
/** LAYOUT_VERSION_1 (nfdump 1.6.x) and LAYOUT_VERSION_2 (1.7.x) in nfdump's file header. */
const NFCAPD_LAYOUTS = [1, 2];
export const NFCAPD_HEADER_BYTES = 4;
/** Keeps the end of nfdump's stderr, where its reason is. */
const MAX_STDERR_CHARS = 4096;

/** True for nfdump's file header: magic 0xA50C then layout version 1 or 2, in the writer's byte order. */
export function isNfcapdHeader(head: Uint8Array): boolean {
  if (head.length < NFCAPD_HEADER_BYTES) return false;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.readUInt16LE(0) === NFCAPD_MAGIC) return NFCAPD_LAYOUTS.includes(bytes.readUInt16LE(2));
  if (bytes.readUInt16BE(0) === NFCAPD_MAGIC) return NFCAPD_LAYOUTS.includes(bytes.readUInt16BE(2));
  return false;
}

export async function isNfcapdFile(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(NFCAPD_HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, NFCAPD_HEADER_BYTES, 0);
    return isNfcapdHeader(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * nfdump's filter for the watched destination ports: `proto tcp and dst port in [ 22 2222 ]`.
 * Only validated integers reach the filter text.
 */
export function watchedPortsFilter(ports: readonly number[]): string {
  if (ports.length === 0) throw new RangeError("watchedPorts: at least one port is required.");
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError(`watchedPorts: ${port} is not a TCP port (1 to 65535).`);
    }
  }
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  return `proto tcp and dst port in [ ${sorted.join(" ")} ]`;
}

interface OutputMode {
  args: string[];
  parser: () => FlowLineParser;
}

const PIPE_MODE: OutputMode = { args: ["-o", "pipe"], parser: () => new NfdumpPipeParser() };
const CSV_FAST_MODE: OutputMode = { args: ["-o", "csv-fast"], parser: createNfdumpCsvFastParser };

/** `-o pipe` exists up to 1.7.4; 1.7.5 replaced it with `-o csv-fast`. Unknown versions get csv-fast. */
export function outputModeForVersion(versionText: string): "pipe" | "csv-fast" {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(versionText);
  if (match === null) return "csv-fast";
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const beforeCsvFast = major < 1 || (major === 1 && (minor < 7 || (minor === 7 && patch < 5)));
  return beforeCsvFast ? "pipe" : "csv-fast";
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error: Error | null;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    let error: Error | null = null;
    child.once("error", (spawnError) => {
      error = spawnError;
      // A child that never started emits no "close".
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
    child.once("close", (code, signal) => resolve({ code, signal, error }));
  });
}

function isMissingBinary(error: Error | null): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "EACCES";
}

/** Runs nfdump to completion and returns its stdout (small outputs only: -V, -I). */
async function runNfdump(binary: string, args: string[]): Promise<{ exit: Exit; stdout: string; stderr: string }> {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = await exitOf(child);
  if (isMissingBinary(exit.error)) throw new NfdumpMissingError(binary);
  return { exit, stdout, stderr };
}

const modes = new Map<string, Promise<OutputMode>>();

/** The output mode this nfdump understands, asked once per binary (`nfdump -V`). */
function outputModeOf(binary: string): Promise<OutputMode> {
  let mode = modes.get(binary);
  if (mode === undefined) {
    mode = runNfdump(binary, ["-V"]).then(({ stdout, stderr }) =>
      outputModeForVersion(stdout + stderr) === "pipe" ? PIPE_MODE : CSV_FAST_MODE,
    );
    mode.catch(() => modes.delete(binary));
    modes.set(binary, mode);
  }
  return mode;
}

/** Flows the file holds before any filter, from its own statistics (`nfdump -I`); undefined if not told. */
async function flowsInFile(binary: string, path: string): Promise<number | undefined> {
  const { exit, stdout } = await runNfdump(binary, ["-I", "-r", path]);
  const match = /^Flows:\s*(\d+)\s*$/m.exec(stdout);
  return exit.code === 0 && match !== null ? Number(match[1]) : undefined;
}

function failureReason(exit: Exit, stderr: string): string {
  const said = stderr
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("; ");
  if (said !== "") return said;
  if (exit.error !== null) return exit.error.message;
  return exit.signal !== null ? `nfdump was stopped by ${exit.signal}` : `nfdump exited with status ${exit.code}`;
}

interface NfdumpRun {
  binary: string;
  path: string;
  filter: string | null;
  mode: OutputMode;
  stats: ParseStats;
  signal: AbortSignal | undefined;
}

/**
 * nfdump's stdout, chunk by chunk. nfdump starts on the first read and is killed when the
 * reader stops early, the signal aborts or reading fails. A clean read prints nothing on
 * stderr: anything there (e.g. "appendix offset error" for a truncated file, with exit
 * status 0) fails the read with nfdump's words, like a non-zero exit.
 */
async function* nfdumpOutput(run: NfdumpRun): AsyncGenerator<Buffer> {
  run.signal?.throwIfAborted();
  const args = ["-r", run.path, "-q", ...run.mode.args, ...(run.filter === null ? [] : [run.filter])];
  const child = spawn(run.binary, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });
  const exited = exitOf(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-MAX_STDERR_CHARS)));
  const stop = () => child.kill("SIGTERM");
  run.signal?.addEventListener("abort", stop, { once: true });
  try {
    for await (const chunk of child.stdout!) yield chunk as Buffer;
    const exit = await exited;
    run.signal?.throwIfAborted();
    if (isMissingBinary(exit.error)) throw new NfdumpMissingError(run.binary);
    if (exit.code !== 0 || stderr.trim() !== "") throw new NfdumpFailedError(failureReason(exit, stderr), exit.code);
    run.stats.bytes = (await stat(run.path)).size;
    run.stats.sourceFlows = await flowsInFile(run.binary, run.path);
  } finally {
    run.signal?.removeEventListener("abort", stop);
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill("SIGTERM");
    await exited;
  }
}

export interface OpenNfcapdOptions {
  batchSize: number;
  /** Destination TCP ports detection watches; without them every flow is read. */
  watchedPorts?: readonly number[];
  signal?: AbortSignal;
  /** The nfdump program (default: NFDUMP_PATH, else nfdump on PATH). */
  nfdumpPath?: string;
}

export interface NfcapdFlowBatches {
  format: FlowFormatId;
  stats: ParseStats;
  batches: AsyncGenerator<FlowRecord[]>;
  output: AsyncGenerator<Buffer>;
}

/**
 * Prepares the read of an nfcapd file: checks that nfdump runs and picks its output mode.
 * stats.lines counts the lines nfdump printed (the flows that passed the filter);
 * stats.sourceFlows, once done, the flows the file held; stats.bytes, once done, the file's size.
 */
export async function nfcapdFlowBatches(path: string, options: OpenNfcapdOptions): Promise<NfcapdFlowBatches> {
  const filter = options.watchedPorts === undefined ? null : watchedPortsFilter(options.watchedPorts);
  options.signal?.throwIfAborted();
  const binary = options.nfdumpPath ?? nfdumpPath();
  const mode = await outputModeOf(binary);
  const state = freshStreamState("nfcapd");
  const stats = state.stats;
  const output = nfdumpOutput({ binary, path, filter, mode, stats, signal: options.signal });
  const batches = flowBatches(Buffer.alloc(0), output, mode.parser(), state, options.batchSize);
  return { format: "nfcapd", stats, batches, output };
}
