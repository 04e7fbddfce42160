import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/postgres";
import { plantedScannerTraffic, writeNfcapdFile } from "@/test/support/nfcapd";
import { describeWithNfdump } from "@/test/support/nfdump-tools";
import { fixture, recentFixtureText, yesterdayUtc } from "@/test/support/samples";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
let environment: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let work: string;

/** A flow fixture moved to yesterday: the CLI ingests with the real clock. */
async function recent(name: string): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, recentFixtureText(await readFile(fixture("flows", name), "utf8")));
  return file;
}

/** The CLI in its own process, on a database of its own (a PGlite directory, or a server database). */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/csirt.ts", ...args], {
      env: environment,
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-cli-files-"));
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "", NODE_ENV: "production" };
  if (process.env.TEST_DB === "postgres") {
    const database = await createTestDatabase("csirt_cli");
    environment = { ...base, DATABASE_URL: database.url };
    cleanup = database.drop;
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "csirt-cli-"));
    environment = { ...base, PGLITE_DATA_DIR: path.join(dir, "pglite") };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  await run(TSX, ["scripts/db.ts", "deploy"], { env: environment });
});

afterAll(async () => {
  await cleanup?.();
  await rm(work, { recursive: true, force: true });
});

interface IngestJson {
  runs: Array<{
    file: string;
    format: string;
    flows: number;
    rejected: number;
    repeated: number;
    status: string;
    incidents: Array<Record<string, unknown>>;
  }>;
}

describe("npm run csirt", () => {
  it("refuses an organisations file with bad CIDRs, naming each line, and imports nothing", async () => {
    const result = await cli("orgs", "import", fixture("members-with-errors.csv"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/members-with-errors\.csv:3: .*192\.0\.2\.0\/33/);
    expect(result.stderr).toMatch(/members-with-errors\.csv:4: .*not-a-cidr/);
    expect(result.stderr).toContain("nothing imported");
    const exported = await cli("orgs", "export");
    expect(exported.stdout).not.toContain("Good College");
  });

  it("imports member ranges, ingests the nfdump sample into exactly the two expected incidents; the same file, or its flows in another format, change nothing", async () => {
    const day = yesterdayUtc();
    const imported = await cli("orgs", "import", fixture("members.csv"));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      "organisations: 2 created, 0 updated; blocks: 3 added; contacts: 3 added, 0 updated",
    );

    const csv = await recent("nfdump-1.7.1-example.csv");
    const first = await cli("ingest", csv, "--stream", "border-1", "--json");
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as IngestJson;
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]).toMatchObject({
      format: "nfdump-csv-legacy",
      flows: 1092,
      rejected: 0,
      status: "succeeded",
    });
    const incidents = report.runs[0]!.incidents.map(({ reference: _reference, ...rest }) => rest);
    expect(incidents.sort((a, b) => String(a.sourceIp).localeCompare(String(b.sourceIp)))).toEqual([
      {
        organisation: "Example College",
        sourceIp: "192.0.2.45",
        port: 22,
        flows: 300,
        distinctTargets: 300,
        firstSeen: expect.stringMatching(new RegExp(`^${day}T02:02`)),
        lastSeen: expect.stringMatching(new RegExp(`^${day}T02:12`)),
        kind: "scan",
        action: "created",
      },
      {
        organisation: "Sample University",
        sourceIp: "2001:db8:10:1::99",
        port: 22,
        flows: 120,
        distinctTargets: 120,
        firstSeen: expect.stringMatching(new RegExp(`^${day}T02:03`)),
        lastSeen: expect.stringMatching(new RegExp(`^${day}T02:05`)),
        kind: "scan",
        action: "created",
      },
    ]);

    const again = await cli("ingest", csv);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already ingested \(same content as run [0-9a-f-]{36}\); nothing changed/);

    // The same flows as the seed's lines, from a second exporter: counted once.
    const seed = await cli("ingest", await recent("seed-format-example.txt"), "--stream", "border-2", "--json");
    const seedRun = (JSON.parse(seed.stdout) as IngestJson).runs[0]!;
    expect(seedRun.repeated).toBe(420);
    expect(seedRun.incidents.map((incident) => [incident.sourceIp, incident.action, incident.flows]).sort()).toEqual([
      ["192.0.2.45", "unchanged", 300],
      ["2001:db8:10:1::99", "unchanged", 120],
    ]);
  }, 180_000);

  it("refuses a stream name that is not one, before reading anything", async () => {
    const result = await cli("ingest", fixture("members.csv"), "--stream", "../../etc");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Stream "..\/..\/etc": A stream name is/);
  });

  it("says clearly when a file is not a flow file", async () => {
    const result = await cli("ingest", fixture("members.csv"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/members\.csv: FAILED: .*format/i);
  });
});

describeWithNfdump("npm run csirt -- ingest on a binary nfcapd file", () => {
  it("reads a file written by real nfcapd through nfdump and raises the planted scanner", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "csirt-cli-nfcapd-"));
    try {
      expect((await cli("orgs", "import", fixture("members.csv"))).code).toBe(0);
      const file = await writeNfcapdFile(
        path.join(dir, "capture"),
        plantedScannerTraffic("192.0.2.77", 130, Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000),
      );
      const result = await cli("ingest", file, "--json");
      expect(result.code).toBe(0);
      const run = (JSON.parse(result.stdout) as IngestJson).runs[0]!;
      expect(run).toMatchObject({ format: "nfcapd", flows: 130, rejected: 0, status: "succeeded" });
      expect(run.incidents).toEqual([
        expect.objectContaining({ sourceIp: "192.0.2.77", flows: 130, distinctTargets: 130, action: "created" }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
