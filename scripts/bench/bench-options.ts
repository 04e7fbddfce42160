import { BENCH_FORMAT_IDS, type BenchFormatId } from "./flow-file-formats";

export interface BenchOptions {
  /** Lines per format for the speed figures. */
  lines: number;
  /** Also measure one big file for the peak-RSS figure. */
  big: boolean;
  bigLines: number;
  bigFormat: BenchFormatId;
  /** Also capture the big file's traffic into nfcapd and compare there (10M flows: minutes, mostly the naive chain). */
  bigNfcapd: boolean;
  /** Runs per small file; the fastest counts. */
  repeat: number;
  profile: boolean;
  keep: boolean;
  seed: number;
  /** Lines of the file ingested end to end into PostgreSQL and PGlite (0: skip). */
  databaseLines: number;
}

export const BENCH_USAGE =
  "npm run bench:ingest -- [--lines N] [--no-big] [--big-lines N] [--big-format ID] [--big-nfcapd] [--database-lines N] [--repeat N] [--profile] [--keep] [--seed N]";

/** 2000000, 2_000_000, 2,000,000, 2M and 500k are all accepted. */
function parseCount(text: string | undefined, flag: string): number {
  const match = /^(\d[\d_,]*(?:\.\d+)?)([kKmM]?)$/.exec(text ?? "");
  if (match === null) throw new Error(`${flag} needs a number (e.g. 2000000 or 2M), got ${text ?? "nothing"}`);
  const scale = { "": 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2]!]!;
  return Math.round(Number(match[1]!.replace(/[_,]/g, "")) * scale);
}

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    lines: 2_000_000,
    big: true,
    bigLines: 10_000_000,
    bigFormat: "nfdump-csv-legacy",
    bigNfcapd: false,
    repeat: 1,
    profile: false,
    keep: false,
    seed: 20260301,
    databaseLines: 1_000_000,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--lines") options.lines = parseCount(args[++i], arg);
    else if (arg === "--big-lines") options.bigLines = parseCount(args[++i], arg);
    else if (arg === "--repeat") options.repeat = Math.max(1, parseCount(args[++i], arg));
    else if (arg === "--seed") options.seed = parseCount(args[++i], arg);
    else if (arg === "--database-lines") options.databaseLines = parseCount(args[++i], arg);
    else if (arg === "--no-big") options.big = false;
    else if (arg === "--big") options.big = true;
    else if (arg === "--big-nfcapd") options.bigNfcapd = true;
    else if (arg === "--profile") options.profile = true;
    else if (arg === "--keep") options.keep = true;
    else if (arg === "--big-format") {
      const format = args[++i] as BenchFormatId;
      if (!BENCH_FORMAT_IDS.includes(format)) throw new Error(`--big-format: one of ${BENCH_FORMAT_IDS.join(", ")}`);
      options.bigFormat = format;
    } else throw new Error(`unknown option ${arg}; usage: ${BENCH_USAGE}`);
  }
  return options;
}
