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
    describe.skip(`${title} — skipped: ${where} is not beside this clone (third-party files stay out of the repository)`, body);
  }
}

export function fixture(...parts: string[]): string {
  return path.resolve(repoRoot, "test/fixtures", ...parts);
}
