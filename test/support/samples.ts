import { existsSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** A file of ../shared beside the clone (third-party licences: read in place, never copied here). */
export function sharedPath(relative: string): string {
  return path.resolve(repoRoot, "../shared", relative);
}

export function sharedSample(name: string): string {
  return sharedPath(`samples/${name}`);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}

/**
 * Tests on a third-party file in ../shared. They run IN ADDITION to the tests on our own fixtures
 * when the file is there, and say so in their title. When it is missing: with CI=true (CI always
 * has ../shared beside the clone) a failing test that names the file; otherwise a skip that names it.
 */
export function describeWithShared(relative: string, title: string, body: () => void): void {
  const where = `../shared/${relative}`;
  if (hasShared(relative)) {
    describe(`${title} [third-party file ${where}]`, body);
  } else if (process.env.CI === "true") {
    describe(title, () => {
      it(`needs ${where}`, () => {
        throw new Error(`${where} is missing: CI runs with ../shared beside the clone`);
      });
    });
  } else {
    describe.skip(
      `${title} — skipped: ${where} is not beside this clone (third-party files stay out of the repository)`,
      body,
    );
  }
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
