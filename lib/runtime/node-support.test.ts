import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MINIMUM_NODE_VERSION, nodeSupportWarning, SUPPORTED_NODE_LINES } from "./node-support";

describe("nodeSupportWarning", () => {
  it("accepts every supported LTS line from its minimum on", () => {
    expect(nodeSupportWarning("v22.12.0")).toBeNull();
    expect(nodeSupportWarning("v24.22.3")).toBeNull();
    expect(nodeSupportWarning("26.12.1")).toBeNull();
  });

  it("names end of life and the queue's minimum for Node 20 and early 22", () => {
    expect(nodeSupportWarning("v20.20.2")).toMatch(/past its end of life.*22\.12\.0/);
    expect(nodeSupportWarning("v22.11.9")).toMatch(/past its end of life/);
  });

  it("warns about lines it is not tested on", () => {
    expect(nodeSupportWarning("v23.5.0")).toMatch(/not a release line/);
    expect(nodeSupportWarning("v28.0.0")).toMatch(/not a release line/);
  });

  it("refuses what is not a version", () => {
    expect(() => nodeSupportWarning("latest")).toThrow(/not a Node version/);
  });
});

describe("the supported lines are stated once", () => {
  it("package.json engines starts at the minimum", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
  });

  it("CI installs one build of every supported line, the oldest first", () => {
    const versions = readFileSync(".ci/node-versions", "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"));
    expect(versions.map((version) => Number(version.split(".")[0]))).toEqual([...SUPPORTED_NODE_LINES]);
    for (const version of versions) expect(nodeSupportWarning(version)).toBeNull();
  });
});
