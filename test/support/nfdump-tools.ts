/** Whether nfdump and nfcapd are here, for tests that need them. */
import { describe } from "vitest";
import { commandExists } from "./nfcapd";

const NFDUMP_TOOLS = ["nfdump", "nfcapd"];

/**
 * describe() for tests that need nfdump and nfcapd: skipped with a message naming what is
 * missing, except with CI=true, where a missing tool fails the file (CI installs nfdump).
 */
export function describeWithNfdump(title: string, body: () => void): void {
  const missing = NFDUMP_TOOLS.filter((tool) => !commandExists(tool));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const message = `${missing.join(" and ")} not installed (Debian package nfdump)`;
  if (process.env.CI === "true") throw new Error(`${title}: ${message}; CI must install it (.ci/run)`);
  console.warn(`[skipped] ${title}: ${message}`);
  describe.skip(`${title} (skipped: ${message})`, body);
}
