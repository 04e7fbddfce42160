import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findStaleSources } from "./build-freshness";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project whose build is newer than every source (times set explicitly: no sleeping). */
function builtProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), "freshness-"));
  roots.push(root);
  mkdirSync(path.join(root, "app", "incidents"), { recursive: true });
  writeFileSync(path.join(root, "app", "incidents", "page.tsx"), "export default 1;");
  writeFileSync(path.join(root, "app", "incidents", "loading.tsx"), "export default 2;");
  const past = new Date(Date.now() - 60_000);
  for (const entry of ["app/incidents/page.tsx", "app/incidents/loading.tsx", "app/incidents", "app"])
    utimesSync(path.join(root, entry), past, past);
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  return root;
}

describe("build freshness", () => {
  it("asks for a first build, then finds nothing to rebuild", () => {
    const root = builtProject();
    expect(findStaleSources(root)).toBeNull();
    rmSync(path.join(root, ".next"), { recursive: true });
    expect(findStaleSources(root)).toBe("no build yet");
  });

  it("rebuilds when a source changes", () => {
    const root = builtProject();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, "app", "incidents", "page.tsx"), later, later);
    expect(findStaleSources(root)).toBe("app changed since the last build");
  });

  it("rebuilds when a source is removed (its folder's time changes)", () => {
    const root = builtProject();
    rmSync(path.join(root, "app", "incidents", "loading.tsx"));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, "app", "incidents"), later, later);
    expect(findStaleSources(root)).toBe("app changed since the last build");
  });
});
