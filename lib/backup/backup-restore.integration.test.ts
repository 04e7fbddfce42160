import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrate";
import { closeEmbeddedDatabase, openEmbeddedDatabase } from "@/lib/db/pglite";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { seedDemoData } from "@/prisma/seed";
import { fixture, recentFixtureText } from "@/test/support/samples";
import { serveDatabaseDumps } from "./embedded-database-dump";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/** The CLI in its own process, as an operator runs it, with DATA_DIR pointing where the test says. */
async function csirt(dataDir: string, ...rest: [Record<string, string>, ...string[]] | string[]) {
  const overrides = typeof rest[0] === "object" ? (rest.shift() as Record<string, string>) : {};
  const args = rest as string[];
  const env = { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "", INBOX_DIR: "", DATA_DIR: dataDir, ...overrides };
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/csirt.ts", ...args], { env, maxBuffer: 10 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function countsIn(pglite: PGlite) {
  const count = async (table: string) =>
    Number((await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n);
  return {
    incidents: await count("Incident"),
    organisations: await count("Organisation"),
    contacts: await count("Contact"),
    timeline: await count("TimelineEvent"),
    evidence: await count("Evidence"),
    settings: await count("Setting"),
    runs: await count("IngestRun"),
  };
}

describe.runIf(process.env.TEST_DB === "pglite")("backup and restore of the embedded database and stored files", () => {
  let work: string;
  let liveDir: string;
  let archive: string;
  let before: Awaited<ReturnType<typeof countsIn>>;
  let stopDumps: () => Promise<void>;
  const uploaded = "2027-01-09\n02:02:47Z TCP 192.0.2.45:49408 -> 172.30.238.116:22 ----S- 1 40\n";

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "csirt-backup-"));
    liveDir = path.join(work, "live");
    const pgliteDir = path.join(liveDir, "pglite");
    const target = { kind: "pglite" as const, dataDir: pgliteDir };
    // This process plays the running app: it holds the data directory and answers on the dump socket.
    await deployMigrations({ target });
    const db = createPrismaClient(target);
    await seedDemoData({ db });
    await db.setting.upsert({
      where: { key: "incident.sampleSize" },
      create: { key: "incident.sampleSize", value: 17 },
      update: { value: 17 },
    });
    const upload = path.join(liveDir, "uploads", "flows-upload.txt");
    await mkdir(path.dirname(upload), { recursive: true });
    await writeFile(upload, uploaded);
    await db.ingestRun.create({
      data: { source: "UPLOAD", fileName: "flows-upload.txt", sha256: "a".repeat(64), storagePath: upload },
    });
    // Incidents with timelines and evidence, the way they are made: a capture ingested.
    const capture = path.join(work, "capture.txt");
    await writeFile(capture, recentFixtureText(await readFile(fixture("flows", "seed-format-example.txt"), "utf8")));
    const run = await createIngestRun(db, { source: "CLI", filePath: capture });
    expect((await processIngestRun(db, run.id)).incidents.length).toBeGreaterThan(0);
    await writeFile(path.join(liveDir, "auth-secret"), "s".repeat(43), { mode: 0o600 });
    stopDumps = await serveDatabaseDumps(openEmbeddedDatabase(pgliteDir), pgliteDir);
    before = await countsIn(openEmbeddedDatabase(pgliteDir));
    archive = path.join(work, "csirt.backup");
  }, 120_000);

  afterAll(async () => {
    await stopDumps?.();
    await closeEmbeddedDatabase(path.join(liveDir, "pglite"));
    await rm(work, { recursive: true, force: true });
  });

  it("backs up while the app holds the database, and restores every incident, setting and file into a fresh data directory", async () => {
    const backup = await csirt(liveDir, "backup", archive);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/database: embedded, \d+ bytes, \d+ migrations/);
    expect((await readFile(`${archive}.sha256`, "utf8")).trim()).toMatch(/^[0-9a-f]{64} {2}csirt\.backup$/);

    const freshDir = path.join(work, "fresh");
    const restore = await csirt(freshDir, "restore", archive);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);

    const restored = await PGlite.create(path.join(freshDir, "pglite"));
    try {
      expect(before.incidents).toBeGreaterThan(0);
      expect(await countsIn(restored)).toEqual(before);
      const setting = await restored.query<{ value: unknown }>(
        `SELECT value FROM "Setting" WHERE key = 'incident.sampleSize'`,
      );
      expect(setting.rows[0]?.value).toBe(17);
      const runRow = await restored.query<{ storagePath: string }>(
        `SELECT "storagePath" FROM "IngestRun" WHERE "fileName" = 'flows-upload.txt'`,
      );
      // The run's file is found where the restored data directory keeps it.
      expect(runRow.rows[0]?.storagePath).toBe(path.join(freshDir, "uploads", "flows-upload.txt"));
      expect(await readFile(runRow.rows[0]!.storagePath, "utf8")).toBe(uploaded);
    } finally {
      await restored.close();
    }
    expect(await readFile(path.join(freshDir, "auth-secret"), "utf8")).toBe("s".repeat(43));
  }, 180_000);

  it("refuses a damaged, a foreign or an occupied restore before anything is overwritten", async () => {
    const target = path.join(work, "untouched");
    await mkdir(target);
    await writeFile(path.join(target, "keep.txt"), "mine");

    const damaged = path.join(work, "damaged.backup");
    const bytes = await readFile(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(damaged, bytes);
    await copyFile(`${archive}.sha256`, `${damaged}.sha256`);
    const refusedDamaged = await csirt(path.join(work, "fresh-2"), "restore", damaged);
    expect(refusedDamaged.code).toBe(2);
    expect(refusedDamaged.stderr).toMatch(/refused, nothing changed: The archive is damaged/);
    await rm(`${damaged}.sha256`);
    const refusedWithoutSidecar = await csirt(path.join(work, "fresh-2"), "restore", damaged);
    expect(refusedWithoutSidecar.code).toBe(2);
    expect(refusedWithoutSidecar.stderr).toMatch(/refused, nothing changed: .*(damaged|not a backup)/);
    expect(await readdir(work)).not.toContain("fresh-2");

    const foreign = path.join(work, "foreign.tar");
    await tar.c({ file: foreign, cwd: target }, ["keep.txt"]);
    const refusedForeign = await csirt(path.join(work, "fresh-3"), "restore", foreign);
    expect(refusedForeign.code).toBe(2);
    expect(refusedForeign.stderr).toMatch(/not a backup of this app/);

    const occupied = await csirt(target, "restore", archive);
    expect(occupied.code).toBe(2);
    expect(occupied.stderr).toMatch(/already hold data.*--force/);
    expect(await readdir(target)).toEqual(["keep.txt"]);

    const forced = await csirt(target, "restore", archive, "--force");
    expect(forced.code).toBe(0);
    const aside = (await readdir(work)).find((name) => name.startsWith("untouched.before-restore-"));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(work, aside!, "keep.txt"), "utf8")).toBe("mine");
    expect(await readdir(target)).toEqual(expect.arrayContaining(["pglite", "uploads", "auth-secret"]));
  }, 180_000);
});

describe.runIf(process.env.TEST_DB === "postgres")("backup of the stored files beside a PostgreSQL server", () => {
  it("holds the files, no database, and says to use pg_dump; the files restore into place", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "csirt-backup-pg-"));
    try {
      const dataDir = path.join(work, "data");
      await mkdir(path.join(dataDir, "uploads"), { recursive: true });
      await writeFile(path.join(dataDir, "uploads", "one.txt"), "one");
      const env = { DATABASE_URL: process.env.DATABASE_URL! };
      const archive = path.join(work, "files.backup");
      const backup = await csirt(dataDir, env, "backup", archive);
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/back it up with pg_dump/);
      expect(backup.stdout).toMatch(/stored files: 1/);
      await rm(dataDir, { recursive: true });
      const restore = await csirt(dataDir, env, "restore", archive);
      expect(restore.code).toBe(0);
      expect(await readFile(path.join(dataDir, "uploads", "one.txt"), "utf8")).toBe("one");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});
