/**
 * The Node.js release lines the product supports: the LTS lines that are still maintained. CI runs the
 * whole suite on the oldest (`.ci/node-versions`, first line) and the unit suite on the others; pg-boss
 * needs 22.12 or later. `package.json` engines and `.ci/node-versions` are checked against this list.
 */
export const SUPPORTED_NODE_LINES = [22, 24, 26] as const;
export const MINIMUM_NODE_VERSION = "22.12.0";

function parseVersion(version: string): [number, number, number] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a Node version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isAtLeast(version: string, minimum: string): boolean {
  const [major, minor, patch] = parseVersion(version);
  const [minMajor, minMinor, minPatch] = parseVersion(minimum);
  if (major !== minMajor) return major > minMajor;
  if (minor !== minMinor) return minor > minMinor;
  return patch >= minPatch;
}

/** A sentence for the operator when this Node is not one we support, or null when it is. */
export function nodeSupportWarning(version: string): string | null {
  const [major] = parseVersion(version);
  const supported = `use Node ${SUPPORTED_NODE_LINES.join(", ")} (LTS)`;
  if (!isAtLeast(version, MINIMUM_NODE_VERSION)) {
    return `Node ${version} is past its end of life and older than the job queue (pg-boss) needs (${MINIMUM_NODE_VERSION}); it still starts, but ${supported}`;
  }
  if (!(SUPPORTED_NODE_LINES as readonly number[]).includes(major)) {
    return `Node ${version} is not a release line this product is tested on; ${supported}`;
  }
  return null;
}
