/**
 * Parse speed on generated 1M-line files (seed format and nfdump legacy CSV), from disk
 * (end to end) and from memory (parsing alone):
 * `npx tsx lib/ingest/parsers/measure-parse-speed.ts [lines]`. Not part of the app.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openFlowFile, openFlowStream, type FlowStream } from "./index";
import { NFDUMP_LEGACY_CSV_HEADER } from "./nfdump-csv-legacy";

const LINES = Number(process.argv[2] ?? 1_000_000);
const LEGACY_TAIL =
  ",0,0,1,40,0,0,0,0,0,0,0,0,0,1,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00," +
  "00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,    0.000,    0.000,    0.000," +
  "127.0.0.1,0/0,1,2026-11-27 17:44:56.187\n";

function clock(i: number): string {
  const seconds = Math.floor(i / 100) % 86_400;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** A scanner sweeping 172.16.0.0/12 on 22/tcp; every tenth seed line is IPv6. */
function seedLine(i: number): string {
  return i % 10 === 9
    ? `${clock(i)}Z TCP 2001:db8:10:1::99.${40000 + (i % 20000)} -> 2001:db8:ffff:${(i % 65536).toString(16)}::1.22 ----S- 1 60\n`
    : `${clock(i)}Z TCP 192.0.2.${i % 250}:${40000 + (i % 20000)} -> 172.${16 + (i % 16)}.${(i >> 8) & 255}.${i & 255}:22 ----S- 1 40\n`;
}

function legacyLine(i: number): string {
  const time = `2027-01-09 ${clock(i)}`;
  return `${time},${time},0.010,192.0.2.${i % 250},172.${16 + (i % 16)}.${(i >> 8) & 255}.${i & 255},${40000 + (i % 20000)},22,TCP,......S.${LEGACY_TAIL}`;
}

async function write(file: string, header: string, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let buffer = header;
  for (let i = 0; i < LINES; i++) {
    buffer += line(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      buffer = "";
    }
  }
  await new Promise<void>((resolve) => out.end(buffer, () => resolve()));
}

async function* inMemory(content: Buffer): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < content.length; offset += 256 * 1024)
    yield content.subarray(offset, offset + 256 * 1024);
}

async function measure(file: string): Promise<void> {
  const content = readFileSync(file);
  for (const source of ["disk", "memory"] as const) {
    for (let round = 1; round <= 3; round++) {
      const started = performance.now();
      const stream: FlowStream = source === "disk" ? await openFlowFile(file) : await openFlowStream(inMemory(content));
      let flows = 0;
      for await (const batch of stream.batches) flows += batch.length;
      const seconds = (performance.now() - started) / 1000;
      const rate = Math.round(stream.stats.lines / seconds).toLocaleString("en");
      console.log(
        `${stream.format} from ${source}, round ${round}: ${flows} flows, ${seconds.toFixed(2)} s, ${rate} lines/s`,
      );
    }
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "parse-speed-"));
try {
  const seed = path.join(dir, "seed.txt");
  const legacy = path.join(dir, "legacy.csv");
  await write(seed, "2027-01-09\n", seedLine);
  await write(legacy, `${NFDUMP_LEGACY_CSV_HEADER}\n`, legacyLine);
  await measure(seed);
  await measure(legacy);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
