/**
 * End-to-end ingest benchmark (`npm run bench:ingest`; options: see BENCH_USAGE).
 *
 * Generates 1,000 member organisations with 20,000 blocks and synthetic traffic with planted
 * SSH scanners into a temp dir, then measures read → parse → match → detect (no database)
 * for each format in a fresh child process pinned to one core, plus one 10-million-line file
 * for peak RSS, plus `nfdump -r` on a real nfcapd capture of the same traffic when nfdump is
 * installed, next to our read of that nfcapd file (nfdump filtering to TCP port 22, our parser,
 * detection); --big-nfcapd also captures the big file's traffic (10M flows) for that comparison.
 * Targets (issue): >= 300,000 lines/s for seed and nfdump CSV, < 300 MB RSS at 10M lines, the
 * nfcapd read >= 10x the flows/s of `nfdump -r file -o csv > /dev/null` (exit status 1 below it).
 * --repeat N keeps the fastest of N runs per small file, which helps on a shared machine.
 */
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { organisationsToCsv, parseOrganisationsCsv } from "../../lib/orgs/parse-organisations-csv";
import { parseBenchOptions, type BenchOptions } from "./bench-options";
import { BenchReport, BIG_FILE_LABEL } from "./bench-report";
import { measureIntoDatabases } from "./database-ingest";
import { BENCH_FORMAT_IDS } from "./flow-file-formats";
import { generateFlowFiles, type GeneratedFlowFiles } from "./generate-flow-files";
import { measureInChild, type ChildOptions, type MeasuredIngest } from "./measured-ingest";
import type { CaptureResult } from "../../test/support/nfcapd";
import { captureFlowCount, commandExists, exportNfdumpCsv, measureNfdumpRead, nfdumpVersion } from "./nfdump-reader";
import { SeededRandom } from "./random";
import { BLOCK_COUNT, ORGANISATION_COUNT, SyntheticMembers } from "./synthetic-members";

interface BenchRun {
  options: BenchOptions;
  directory: string;
  members: SyntheticMembers;
  /** The member blocks as the worker loads them from the database, for the children. */
  blocksJson: string;
  child: ChildOptions;
  report: BenchReport;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** ["taskset", "-c", "0"] when taskset exists and CPU 0 may be used here. */
function cpuPinning(): string[] {
  if (!commandExists("taskset")) return [];
  return spawnSync("taskset", ["-c", "0", "true"]).status === 0 ? ["taskset", "-c", "0"] : [];
}

/** The members go through the organisations CSV (written, then parsed back) as an import would. */
function membersThroughCsv(members: SyntheticMembers): { cidr: string; organisationId: string; blockId: string }[] {
  const csv = organisationsToCsv(members.organisations);
  const started = performance.now();
  const parsed = parseOrganisationsCsv(csv);
  const seconds = (performance.now() - started) / 1000;
  if (parsed.errors.length > 0)
    throw new Error(`organisations CSV line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}`);
  const blocks = parsed.organisations.flatMap((organisation) => {
    const organisationId = randomUUID();
    return organisation.blocks.map((cidr) => ({ cidr, organisationId, blockId: randomUUID() }));
  });
  progress(
    `organisations CSV (${(csv.length / 1e6).toFixed(1)} MB): ${parsed.organisations.length} organisations, ${blocks.length} blocks, ` +
      `${parsed.warnings.length} warnings, parsed in ${seconds.toFixed(2)} s`,
  );
  return blocks;
}

async function measure(
  run: BenchRun,
  label: string,
  file: string,
  planted: readonly string[],
  repeat: number,
): Promise<void> {
  let fastest: MeasuredIngest | null = null;
  for (let attempt = 0; attempt < repeat; attempt++) {
    const measured = await measureInChild(file, run.blocksJson, run.child);
    if (fastest === null || measured.seconds < fastest.seconds) fastest = measured;
  }
  run.report.addIngest(label, fastest!, planted);
  progress(
    `${label}: ${Math.round(fastest!.lines / fastest!.seconds).toLocaleString("en-GB")} lines/s (setup ${fastest!.setupSeconds.toFixed(2)} s)`,
  );
}

/**
 * An nfcapd capture two ways: the naive chain (`nfdump -r -o csv > /dev/null`, what cron glue
 * runs before our text parser) and our read (nfdump filtering to the watched ports, our parser,
 * detection), both in flows of the file per second.
 */
async function measureNfcapd(run: BenchRun, capture: CaptureResult, planted: readonly string[]): Promise<number> {
  const { report, options } = run;
  const { files, flowsSent } = capture;
  const captured = captureFlowCount(files);
  if (captured !== flowsSent)
    report.note(`nfcapd captured ${captured} of ${flowsSent} IPv4 flows sent (UDP loss on loopback)`);
  let read = await measureNfdumpRead(files, run.child.pin);
  for (let attempt = 1; attempt < options.repeat; attempt++) {
    const again = await measureNfdumpRead(files, run.child.pin);
    if (again.seconds < read.seconds) read = again;
  }
  report.addNfdumpRead(`nfdump -r (${nfdumpVersion()}, ${captured.toLocaleString("en-GB")} flows)`, captured, read);
  progress(`nfdump -r -o csv: ${Math.round(captured / read.seconds).toLocaleString("en-GB")} flows/s`);

  let ours: MeasuredIngest | null = null;
  for (let attempt = 0; attempt < options.repeat; attempt++) {
    const measured = await measureInChild(files, run.blocksJson, run.child);
    if (ours === null || measured.seconds < ours.seconds) ours = measured;
  }
  const label = `nfcapd file (${captured.toLocaleString("en-GB")} flows, as a collector writes it) → candidates through the pushed-down filter`;
  report.addNfcapdIngest(label, ours!, planted, captured, read);
  progress(`${label}: ${Math.round(captured / ours!.seconds).toLocaleString("en-GB")} flows/s`);
  return captured;
}

/** nfdump reading the capture of the same traffic, our nfcapd read of it, and our pipeline on nfdump's own CSV of it. */
async function measureNfdump(run: BenchRun, sample: GeneratedFlowFiles): Promise<void> {
  const { report, options } = run;
  if (sample.capture === null) {
    report.note("nfdump: not installed (Debian package nfdump), no capture file: no comparison figure");
    return;
  }
  const { files } = sample.capture;
  if (files.length === 0) {
    report.note("nfdump: nfcapd wrote no capture file");
    return;
  }
  const ipv4Scanners = sample.planted.members.filter((address) => !address.includes(":"));
  await measureNfcapd(run, sample.capture, ipv4Scanners);
  report.note(
    "nfdump rows: `nfdump -r` on the nfcapd capture of the same traffic (IPv4 only, NetFlow v5, uncompressed); MB = capture file size; " +
      "lines = flows in the file (also for the nfcapd row, whose nfdump child hands over only TCP to port 22)",
  );

  const nfdumpCsv = path.join(run.directory, "sample.nfdump-output.csv");
  await exportNfdumpCsv(files, nfdumpCsv);
  await measure(run, "nfdump-csv-legacy (nfdump's own output)", nfdumpCsv, ipv4Scanners, options.repeat);
  rmSync(nfdumpCsv, { force: true });
}

async function measureBigFile(run: BenchRun, nfdumpInstalled: boolean): Promise<void> {
  const { options } = run;
  const capture = options.bigNfcapd && nfdumpInstalled;
  progress(
    `generating the big file: ${options.bigLines.toLocaleString("en-GB")} lines of ${options.bigFormat}${capture ? " and its nfcapd capture" : ""}`,
  );
  const big = await generateFlowFiles({
    directory: run.directory,
    name: "big",
    members: run.members,
    seed: options.seed + 2,
    lines: options.bigLines,
    formats: [options.bigFormat],
    captureDirectory: capture ? path.join(run.directory, "nfcapd-big") : null,
  });
  progress(`generated ${big.records.toLocaleString("en-GB")} records in ${big.seconds.toFixed(1)} s`);
  await measure(
    run,
    `${options.bigFormat} ${BIG_FILE_LABEL}`,
    big.files.get(options.bigFormat)!,
    big.planted.members,
    1,
  );
  if (!options.keep) rmSync(big.files.get(options.bigFormat)!, { force: true });
  if (big.capture !== null && big.capture.files.length > 0) {
    await measureNfcapd(
      run,
      big.capture,
      big.planted.members.filter((address) => !address.includes(":")),
    );
  }
  if (options.bigNfcapd && !nfdumpInstalled)
    run.report.note("--big-nfcapd: nfdump/nfcapd not installed (Debian package nfdump)");
}

/** A file through the whole pipeline into PostgreSQL and PGlite: incidents committed. */
async function measureEndToEnd(run: BenchRun): Promise<void> {
  const { options } = run;
  progress(`generating ${options.databaseLines.toLocaleString("en-GB")} lines for the end-to-end rows`);
  const generated = await generateFlowFiles({
    directory: run.directory,
    name: "database",
    members: run.members,
    seed: options.seed + 3,
    lines: options.databaseLines,
    formats: ["nfdump-csv-legacy"],
    captureDirectory: null,
  });
  const file = generated.files.get("nfdump-csv-legacy")!;
  const bytes = statSync(file).size;
  for (const measured of await measureIntoDatabases(file, run.members, run.directory)) {
    const label = `end to end into ${measured.database === "pglite" ? "PGlite" : "PostgreSQL"}`;
    run.report.addDatabaseIngest(label, measured, bytes, generated.planted.members);
    progress(`${label}: ${measured.seconds.toFixed(1)} s, ${measured.incidents} incidents`);
  }
  if (!options.keep) rmSync(file, { force: true });
}

async function runBench(run: BenchRun, nfdumpInstalled: boolean): Promise<void> {
  const { options, directory } = run;
  progress(
    `generating ${options.lines.toLocaleString("en-GB")} lines in ${BENCH_FORMAT_IDS.length} formats${nfdumpInstalled ? " and an nfcapd capture" : ""}`,
  );
  const sample = await generateFlowFiles({
    directory,
    name: "sample",
    members: run.members,
    seed: options.seed + 1,
    lines: options.lines,
    formats: BENCH_FORMAT_IDS,
    captureDirectory: nfdumpInstalled ? path.join(directory, "nfcapd") : null,
  });
  progress(`generated ${sample.records.toLocaleString("en-GB")} records in ${sample.seconds.toFixed(1)} s`);
  for (const [format, file] of sample.files) await measure(run, format, file, sample.planted.members, options.repeat);
  await measureNfdump(run, sample);
  if (!options.keep) {
    for (const file of sample.files.values()) rmSync(file, { force: true });
    rmSync(path.join(directory, "nfcapd"), { recursive: true, force: true });
  }
  if (options.big) await measureBigFile(run, nfdumpInstalled);
  if (options.databaseLines > 0) await measureEndToEnd(run);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const directory = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
  const cleanUp = () => {
    if (!options.keep) rmSync(directory, { recursive: true, force: true });
  };
  process.once("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });
  const pin = cpuPinning();
  const cpuProfileDirectory = options.profile ? path.join(tmpdir(), `bench-ingest-profiles-${Date.now()}`) : null;
  const loadAtStart = loadavg()[0]!;
  const report = new BenchReport();
  try {
    progress(`working in ${directory}`);
    const members = new SyntheticMembers(new SeededRandom(options.seed));
    const blocksJson = path.join(directory, "blocks.json");
    writeFileSync(blocksJson, JSON.stringify(membersThroughCsv(members)));
    const run: BenchRun = { options, directory, members, blocksJson, child: { pin, cpuProfileDirectory }, report };
    await runBench(run, commandExists("nfdump") && commandExists("nfcapd"));
  } finally {
    cleanUp();
  }

  console.log(
    `\nIngest benchmark: ${ORGANISATION_COUNT} organisations, ${BLOCK_COUNT} blocks; read → parse → match → detect, no database.`,
  );
  console.log(
    pin.length > 0
      ? "Each measurement in a fresh process pinned to CPU 0 (taskset -c 0); files are in the page cache."
      : "Not pinned to one core (taskset not available); each measurement in a fresh process.",
  );
  const runs =
    options.repeat > 1 ? `fastest of ${options.repeat} runs per file (big file: one run)` : "one run per file";
  console.log(`Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0]!.toFixed(2)}; ${runs}.`);
  console.log(
    `Node ${process.version}; MB = 10^6 bytes; seconds = wall time of the timed part (lines/s is the target figure);`,
  );
  console.log(
    "CPU s = its user+system CPU time; peak RSS = process.resourceUsage().maxRSS of the child (nfdump: /usr/bin/time).\n",
  );
  console.log(report.format());
  if (cpuProfileDirectory !== null)
    console.log(`CPU profiles: ${cpuProfileDirectory} (npx tsx scripts/bench/summarise-cpu-profile.ts <file>)`);
  if (options.keep) console.log(`files kept in ${directory}`);
  if (report.belowTarget) process.exitCode = 1;
}

await main();
