/** What one measurement child reports, and how the parent starts it. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DetectorStats } from "../../lib/ingest/detect";
import type { FlowFormatId, RejectedLine } from "../../lib/ingest/flow";

export interface MeasuredIngest {
  format: FlowFormatId;
  bytes: number;
  lines: number;
  flows: number;
  /** nfcapd: flows the files held (nfdump -I); `lines` are those that passed nfdump's filter. */
  sourceFlows: number | null;
  rejected: number;
  rejectedSamples: RejectedLine[];
  organisations: number;
  blocks: number;
  /** Reading the member blocks and building the index (not part of the per-line figure). */
  setupSeconds: number;
  seconds: number;
  /** User + system CPU time of the timed part: what the work cost when the machine is shared. */
  cpuSeconds: number;
  maxRssBytes: number;
  detector: DetectorStats;
  /** The gzip JSON carried to the stream's next file. */
  savedStateBytes: number;
  activities: { sourceIp: string; kind: string; organisationId: string }[];
}

export const MEASUREMENT_PREFIX = "MEASURED ";

const CHILD_SCRIPT = fileURLToPath(new URL("./measure-ingest.ts", import.meta.url));

export interface ChildOptions {
  /** Command words put in front of node, e.g. ["taskset", "-c", "0"]. */
  pin: string[];
  /** Write a V8 CPU profile of the child into this directory. */
  cpuProfileDirectory: string | null;
}

/** Runs measure-ingest.ts in a fresh node process (same loader as this one: tsx) on one file or several in order. */
export async function measureInChild(
  flowFiles: string | readonly string[],
  blocksJson: string,
  options: ChildOptions,
): Promise<MeasuredIngest> {
  const files = typeof flowFiles === "string" ? [flowFiles] : flowFiles;
  const profile =
    options.cpuProfileDirectory === null ? [] : ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDirectory];
  const words = [...options.pin, process.execPath, ...process.execArgv, ...profile, CHILD_SCRIPT, blocksJson, ...files];
  return runMeasurementChild<MeasuredIngest>(words, process.env, `measurement of ${files.join(", ")}`);
}

/** Spawns a measurement script and returns the JSON it printed after MEASUREMENT_PREFIX. */
export async function runMeasurementChild<T>(
  words: readonly string[],
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<T> {
  const child = spawn(words[0]!, words.slice(1), { env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const line = output.split("\n").find((text) => text.startsWith(MEASUREMENT_PREFIX));
  if (code !== 0 || line === undefined) throw new Error(`${what} failed (exit ${code}): ${output.slice(-500)}`);
  return JSON.parse(line.slice(MEASUREMENT_PREFIX.length)) as T;
}
