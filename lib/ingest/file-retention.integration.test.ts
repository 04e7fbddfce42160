import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runRetentionJob } from "@/lib/jobs/definitions/run-retention";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { createIngestRun } from "./create-ingest-run";
import { describeIngestRun } from "./describe-ingest-run";
import { dropFolderPaths } from "./drop-folder";
import { getRunFileStorage } from "./get-run-file-storage";
import { processIngestRun } from "./process-ingest-run";
import { uploadsDir } from "./upload-storage";

const DAY_MS = 24 * 3600 * 1000;
const context = { jobId: "test", retryCount: 0, signal: new AbortController().signal };
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-retention-"));
  process.env.DATA_DIR = work;
  process.env.INBOX_DIR = path.join(work, "inbox");
  await seedDefaults(db);
  await db.organisation.create({
    data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
  });
  await db.organisation.create({
    data: {
      name: "Sample University",
      slug: "sample-university",
      blocks: { create: [{ network: "2001:db8:10::/48" }] },
    },
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeIn(folder: string, name: string, content: string | Buffer): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

async function finishedDaysAgo(runId: string, days: number): Promise<void> {
  await db.ingestRun.update({ where: { id: runId }, data: { finishedAt: new Date(Date.now() - days * DAY_MS) } });
}

async function setSetting(key: string, value: number): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

describe("stored flow files are deleted after the retention period", () => {
  it("deletes the files of finished, failed and duplicate runs past retention, marks the runs, audits, and keeps the rest", async () => {
    const sample = await readFile(fixture("flows", "nfdump-1.7.1-example.csv"));
    const uploads = uploadsDir();
    const failedFolder = path.join(dropFolderPaths(process.env.INBOX_DIR!).failed, "default");

    // A real ingest that succeeded 40 days ago, and the same content uploaded again (a duplicate).
    const succeeded = await createIngestRun(db, {
      source: "UPLOAD",
      filePath: await writeIn(uploads, "a-flows.csv", sample),
      fileName: "flows.csv",
    });
    expect((await processIngestRun(db, succeeded.id, { now: () => FIXTURE_INGEST_TIME })).run.status).toBe("SUCCEEDED");
    const duplicate = await createIngestRun(db, {
      source: "API",
      filePath: await writeIn(uploads, "b-again.csv", sample),
      fileName: "again.csv",
    });
    expect(duplicate.status).toBe("DUPLICATE");
    // A drop-folder file that failed (filed with its reason beside it).
    const broken = await writeIn(failedFolder, "broken.bin", Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]));
    await writeFile(`${broken}.error.txt`, "binary\n");
    const failed = await createIngestRun(db, { source: "DROP_FOLDER", filePath: broken, fileName: "broken.bin" });
    expect((await processIngestRun(db, failed.id)).run.status).toBe("FAILED");
    for (const run of [succeeded, duplicate, failed]) await finishedDaysAgo(run.id, 40);

    // Kept: finished within retention, still queued (however old), and a CLI run's file (the caller's own).
    const recent = await createIngestRun(db, {
      source: "UPLOAD",
      filePath: await writeIn(uploads, "c-recent.csv", "recent"),
      fileName: "recent.csv",
    });
    await db.ingestRun.update({
      where: { id: recent.id },
      data: { status: "FAILED", finishedAt: new Date(Date.now() - 29 * DAY_MS) },
    });
    const queued = await createIngestRun(db, {
      source: "UPLOAD",
      filePath: await writeIn(uploads, "d-queued.csv", "queued"),
      fileName: "queued.csv",
    });
    await db.ingestRun.update({ where: { id: queued.id }, data: { createdAt: new Date(Date.now() - 90 * DAY_MS) } });
    const running = await createIngestRun(db, {
      source: "API",
      filePath: await writeIn(uploads, "e-running.csv", "running"),
      fileName: "running.csv",
    });
    await db.ingestRun.update({
      where: { id: running.id },
      data: { status: "RUNNING", startedAt: new Date(Date.now() - 90 * DAY_MS) },
    });
    const cliFile = await writeIn(path.join(work, "operator"), "mine.csv", "mine");
    const cli = await createIngestRun(db, { source: "CLI", filePath: cliFile });
    await db.ingestRun.update({
      where: { id: cli.id },
      data: { status: "FAILED", finishedAt: new Date(Date.now() - 90 * DAY_MS) },
    });
    // Uploads no run refers to: an old one goes, a fresh one (its run may be being registered) stays.
    const oldOrphan = await writeIn(uploads, "f-orphan.csv", "orphan");
    await utimes(oldOrphan, new Date(Date.now() - 31 * DAY_MS), new Date(Date.now() - 31 * DAY_MS));
    const freshOrphan = await writeIn(uploads, "g-orphan.csv", "orphan");

    const before = await getRunFileStorage(db);
    expect(before.files).toBe(6);
    expect(before.bytes).toBe(2 * sample.length + 8 + "recent".length + "queued".length + "running".length);

    await runRetentionJob.handler({}, context);

    for (const run of [succeeded, duplicate, failed]) {
      const after = await db.ingestRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(after.storagePath).toBeNull();
      expect(after.fileDeletedAt).not.toBeNull();
      expect(existsSync(run.storagePath!)).toBe(false);
    }
    expect(existsSync(`${broken}.error.txt`)).toBe(false);
    for (const run of [recent, queued, running, cli]) {
      const after = await db.ingestRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(after.fileDeletedAt).toBeNull();
      expect(existsSync(after.storagePath!)).toBe(true);
    }
    expect(existsSync(oldOrphan)).toBe(false);
    expect(existsSync(freshOrphan)).toBe(true);

    const after = await getRunFileStorage(db);
    expect(after).toMatchObject({ files: 3, bytes: "recent".length + "queued".length + "running".length });
    const audit = await db.auditLog.findMany({ where: { action: "ingest.files.delete" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({
      retainDays: 30,
      files: 3,
      bytes: 2 * sample.length + 8,
      orphans: ["f-orphan.csv"],
    });
    const listed = (audit[0]!.data as { runs: Array<{ runId: string }> }).runs.map((run) => run.runId).sort();
    expect(listed).toEqual([succeeded.id, duplicate.id, failed.id].sort());

    // The run says what happened to its file.
    const described = describeIngestRun(await db.ingestRun.findUniqueOrThrow({ where: { id: succeeded.id } }));
    expect(described.fileDeletedAt).not.toBeNull();
    expect(described.fileKeptDays).toBe(40);

    // Again: nothing left to do, nothing audited twice.
    await runRetentionJob.handler({}, context);
    expect(await db.auditLog.count({ where: { action: "ingest.files.delete" } })).toBe(1);

    // A shorter retention takes the recent file on the next pass.
    await setSetting("ingest.retainFilesDays", 7);
    await runRetentionJob.handler({}, context);
    expect((await db.ingestRun.findUniqueOrThrow({ where: { id: recent.id } })).fileDeletedAt).not.toBeNull();
    expect(existsSync(recent.storagePath!)).toBe(false);
  });
});

describe("decompressed size per run", () => {
  it("fails a gzip file that expands past ingest.maxDecompressedMiB with the reason, counting nothing; under the limit it counts", async () => {
    await db.incident.deleteMany();
    const text = await readFile(fixture("flows", "nfdump-1.7.1-example.csv"), "utf8");
    const [header, ...body] = text.trimEnd().split("\n");
    // Valid flow lines (a real scanner among them), 5 times over: about 1.7 MB of text, 1.2% of it after gzip.
    const expanded = `${[header, ...Array.from({ length: 5 }, () => body).flat()].join("\n")}\n`;
    const gz = gzipSync(expanded);
    expect(expanded.length).toBeGreaterThan(1.5 * 1024 ** 2);
    expect(gz.length).toBeLessThan(200 * 1024);
    const stream = await db.ingestStream.upsert({
      where: { name: "bomb-test" },
      create: { name: "bomb-test" },
      update: {},
    });

    await setSetting("ingest.maxDecompressedMiB", 1);
    const file = await writeIn(uploadsDir(), "bomb.csv.gz", gz);
    const bomb = await createIngestRun(db, {
      source: "UPLOAD",
      filePath: file,
      fileName: "bomb.csv.gz",
      stream: "bomb-test",
    });
    const { run, incidents } = await processIngestRun(db, bomb.id, { now: () => FIXTURE_INGEST_TIME });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(
      /expands to more than 1 MiB when decompressed \(setting ingest\.maxDecompressedMiB\); nothing from it was counted/,
    );
    expect(incidents).toEqual([]);
    expect(await db.incident.count()).toBe(0);
    expect(describeIngestRun(run).flowsCounted).toBeNull();
    expect(await db.ingestStream.findUniqueOrThrow({ where: { id: stream.id } })).toMatchObject({
      stateVersion: 0,
      state: null,
    });

    // The same file within the limit is an ordinary file: its scanners are raised.
    await setSetting("ingest.maxDecompressedMiB", 2);
    const again = await createIngestRun(db, {
      source: "UPLOAD",
      filePath: file,
      fileName: "bomb.csv.gz",
      stream: "bomb-test",
    });
    const fine = await processIngestRun(db, again.id, { now: () => FIXTURE_INGEST_TIME });
    expect(fine.run.status).toBe("SUCCEEDED");
    expect(fine.run.incidentsCreated).toBe(2);
  });
});
