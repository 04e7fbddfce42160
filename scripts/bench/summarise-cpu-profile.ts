/**
 * Where the time went in a V8 .cpuprofile (node --cpu-prof): self time per function with its
 * file and line, the biggest first, self time per file, and the hottest source lines.
 *
 *   npx tsx scripts/bench/summarise-cpu-profile.ts <file.cpuprofile> [top N]
 *
 * Line numbers are those of the code V8 ran: under tsx that is the transformed module, so for
 * line detail profile a plain-JS bundle (esbuild scripts/bench/measure-ingest.ts --bundle).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string): string {
  if (url === "") return "(native)";
  const file = url.replace(/^file:\/\//, "");
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

const sourceCache = new Map<string, string[] | null>();

function sourceLine(url: string, line: number): string {
  if (!sourceCache.has(url)) {
    try {
      sourceCache.set(url, readFileSync(url.replace(/^file:\/\//, ""), "utf8").split("\n"));
    } catch {
      sourceCache.set(url, null);
    }
  }
  return (sourceCache.get(url)?.[line - 1] ?? "").trim().slice(0, 110);
}

function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    const file = shortUrl(frame.url);
    const name = `${frame.functionName || "(anonymous)"}  ${file}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
  }
  const ticksByLine = new Map<string, number>();
  let allTicks = 0;
  for (const node of profile.nodes) {
    for (const { line, ticks } of node.positionTicks ?? []) {
      const key = `${node.callFrame.url}:${line}`;
      ticksByLine.set(key, (ticksByLine.get(key) ?? 0) + ticks);
    }
  }
  for (const id of profile.samples) if (byId.get(id)!.callFrame.url !== "") allTicks++;
  const hottestLines = [...ticksByLine]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ticks]) => {
      const at = key.lastIndexOf(":");
      const url = key.slice(0, at);
      const line = Number(key.slice(at + 1));
      return `${((100 * ticks) / Math.max(1, allTicks)).toFixed(1).padStart(5)}%  ${shortUrl(url)}:${line}  ${sourceLine(url, line)}`;
    });
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, micros]) =>
          `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
      );
  return [
    `total ${(total / 1e6).toFixed(2)} s sampled`,
    "",
    "self time by function:",
    ...rows(byFunction),
    "",
    "self time by file:",
    ...rows(byFile),
    "",
    "hottest lines (share of JavaScript samples):",
    ...hottestLines,
  ].join("\n");
}

const [file, topText] = process.argv.slice(2);
if (file === undefined) {
  console.error("usage: npx tsx scripts/bench/summarise-cpu-profile.ts <file.cpuprofile> [top N]");
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(topText ?? 30)));
