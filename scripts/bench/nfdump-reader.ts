/** Running the real nfdump on a capture: its speed for comparison, and its CSV output as a test file. */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, statSync } from "node:fs";
import path from "node:path";

export function commandExists(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** `-r file` for one capture file, `-R directory` when nfcapd rotated into several. */
function readArguments(files: readonly string[]): string[] {
  return files.length === 1 ? ["-r", files[0]!] : ["-R", path.dirname(files[0]!)];
}

export function nfdumpVersion(): string {
  const result = spawnSync("nfdump", ["-V"], { encoding: "utf8" });
  return (result.stdout || result.stderr).trim().replace(/^nfdump:\s*/, "");
}

/** Flow count from `nfdump -I` (the file's own statistics). */
export function captureFlowCount(files: readonly string[]): number {
  const result = spawnSync("nfdump", [...readArguments(files), "-I"], { encoding: "utf8" });
  const match = /^Flows:\s*(\d+)/m.exec(result.stdout);
  if (match === null) throw new Error(`nfdump -I gave no flow count: ${result.stderr || result.stdout}`);
  return Number(match[1]);
}

export interface NfdumpReadMeasurement {
  command: string;
  seconds: number;
  cpuSeconds: number | null;
  bytes: number;
  /** From /usr/bin/time -f %M when it is installed. */
  maxRssBytes: number | null;
}

async function run(
  words: string[],
  stdoutPath: string,
): Promise<{ code: number | null; stderr: string; seconds: number }> {
  const output = openSync(stdoutPath, "w");
  const started = performance.now();
  try {
    const child = spawn(words[0]!, words.slice(1), { stdio: ["ignore", output, "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    return { code, stderr, seconds: (performance.now() - started) / 1000 };
  } finally {
    closeSync(output);
  }
}

/** `nfdump -r <file> -o csv > /dev/null`, pinned like our own children, with wall time and peak RSS. */
export async function measureNfdumpRead(
  files: readonly string[],
  pin: readonly string[],
): Promise<NfdumpReadMeasurement> {
  const nfdump = ["nfdump", ...readArguments(files), "-o", "csv"];
  const timed = commandExists("/usr/bin/time") ? ["/usr/bin/time", "-f", "MAXRSS %M CPU %U %S", ...nfdump] : nfdump;
  const { code, stderr, seconds } = await run([...pin, ...timed], "/dev/null");
  if (code !== 0) throw new Error(`${nfdump.join(" ")} failed (exit ${code}): ${stderr.slice(-300)}`);
  const rss = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  return {
    command: `${nfdump.join(" ")} > /dev/null`,
    seconds,
    cpuSeconds: rss === null ? null : Number(rss[2]) + Number(rss[3]),
    bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    maxRssBytes: rss === null ? null : Number(rss[1]) * 1024,
  };
}

/** What nfdump itself prints as CSV for the capture: a real-world nfdump-csv-legacy file for our parser. */
export async function exportNfdumpCsv(files: readonly string[], outputPath: string): Promise<void> {
  const { code, stderr } = await run(["nfdump", ...readArguments(files), "-o", "csv"], outputPath);
  if (code !== 0) throw new Error(`nfdump -o csv failed (exit ${code}): ${stderr.slice(-300)}`);
}
