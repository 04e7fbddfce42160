import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** A real sample from ../shared/samples (third-party licences: read in place, never copied here). */
export function sharedSample(name: string): string {
  return path.resolve(repoRoot, "../shared/samples", name);
}

export function fixture(...parts: string[]): string {
  return path.resolve(repoRoot, "test/fixtures", ...parts);
}

/** The flow fixtures were captured on 2027-01-09 between 02:00 and 02:15 UTC; "now" for ingesting them (and same-day shifted copies) is the next midnight. */
export const FIXTURE_INGEST_TIME = Date.UTC(2027, 0, 10, 0, 0, 0);
export const FIXTURE_DAY = "2027-01-09";

/** Yesterday (UTC) as YYYY-MM-DD: a fixture moved to this day is plausible at any time today. */
export function yesterdayUtc(now = Date.now()): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}

/**
 * A fixture's text with its capture day moved to yesterday, for tests that ingest through the
 * real clock (worker jobs, the CLI, the browser): flows dated 2027 would be rejected as
 * implausibly far in the future. Text formats that print dates as YYYY-MM-DD only.
 */
export function recentFixtureText(text: string, day = yesterdayUtc()): string {
  return text.replaceAll(FIXTURE_DAY, day);
}
