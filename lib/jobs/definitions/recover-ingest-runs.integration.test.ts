import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getQueue } from "@/lib/jobs/queue";
import { ensureStream } from "@/lib/ingest/streams/ensure-stream";
import { processIngestRunJob } from "./process-ingest-run";
import { recoverIngestRunsJob } from "./recover-ingest-runs";

const context = { jobId: "test", retryCount: 0, signal: new AbortController().signal };

describe("recovering ingest runs no worker looks after", () => {
  it("queues a lost QUEUED run again, fails a RUNNING run whose worker died for good, and leaves fresh ones alone", async () => {
    const streamId = await ensureStream(db, "border-9");
    const old = new Date(Date.now() - 10 * 60_000);
    const base = { source: "DROP_FOLDER" as const, sha256: "0".repeat(64), storagePath: "/nonexistent", streamId };
    const lost = await db.ingestRun.create({ data: { ...base, fileName: "lost", createdAt: old } });
    const dead = await db.ingestRun.create({
      data: { ...base, fileName: "dead", status: "RUNNING", createdAt: old, startedAt: old, heartbeatAt: old },
    });
    const fresh = await db.ingestRun.create({ data: { ...base, fileName: "fresh" } });
    const reading = await db.ingestRun.create({
      data: {
        ...base,
        fileName: "reading",
        status: "RUNNING",
        createdAt: old,
        startedAt: old,
        heartbeatAt: new Date(),
      },
    });

    await recoverIngestRunsJob.handler({}, context);

    const boss = await getQueue();
    const jobsFor = async (runId: string) =>
      (await boss.findJobs(processIngestRunJob.name, { data: { runId } })).length;
    expect(await jobsFor(lost.id)).toBe(1);
    expect(await jobsFor(fresh.id)).toBe(0);
    expect(await jobsFor(reading.id)).toBe(0);
    const failed = await db.ingestRun.findUniqueOrThrow({ where: { id: dead.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/worker reading this file stopped/);
    expect((await db.ingestRun.findUniqueOrThrow({ where: { id: reading.id } })).status).toBe("RUNNING");

    // A second pass does not queue the lost run twice: its job is alive.
    await recoverIngestRunsJob.handler({}, context);
    expect(await jobsFor(lost.id)).toBe(1);
  });

  it("fails the run of a job that failed for good and unblocks its stream, so the stream's later files are read", async () => {
    const streamId = await ensureStream(db, "border-10");
    const base = { source: "UPLOAD" as const, sha256: "1".repeat(64), storagePath: "/nonexistent", streamId };
    const stuck = await db.ingestRun.create({ data: { ...base, fileName: "stuck", status: "RUNNING" } });
    const next = await db.ingestRun.create({ data: { ...base, fileName: "next" } });
    const boss = await getQueue();
    await boss.deleteAllJobs(processIngestRunJob.name); // the first test's jobs, so fetch() below sees only these
    const key = "stream:border-10";
    await boss.send(processIngestRunJob.name, { runId: stuck.id }, { singletonKey: key, retryLimit: 0 });
    const [active] = await boss.fetch(processIngestRunJob.name);
    expect(active?.data).toEqual({ runId: stuck.id });
    await boss.fail(processIngestRunJob.name, active!.id, { message: "disk full" });
    await boss.send(processIngestRunJob.name, { runId: next.id }, { singletonKey: key });
    expect(await boss.getBlockedKeys(processIngestRunJob.name)).toContain(key);
    expect(await boss.fetch(processIngestRunJob.name)).toEqual([]);

    await recoverIngestRunsJob.handler({}, context);

    const failed = await db.ingestRun.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/failed on every attempt \(disk full\)/);
    expect(await boss.getBlockedKeys(processIngestRunJob.name)).not.toContain(key);
    const [unblocked] = await boss.fetch(processIngestRunJob.name);
    expect(unblocked?.data).toEqual({ runId: next.id });
  });
});
