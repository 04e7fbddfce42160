import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** A real sample from ../shared/samples (third-party licences: read in place, never copied here). */
export function sharedSample(name: string): string {
  return path.resolve(repoRoot, "../shared/samples", name);
}

export function fixture(...parts: string[]): string {
  return path.resolve(repoRoot, "test/fixtures", ...parts);
}
