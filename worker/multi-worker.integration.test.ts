import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { onPostgresOnly } from "@/test/support/postgres";
import { fixture, recentFixtureText } from "@/test/support/samples";

const workers: ChildProcess[] = [];
/** Everything the workers printed, for the failure message: a timeout alone says nothing. */
let workerOutput = "";
let work: string | undefined;

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(
    workers.map(
      (worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once("exit", resolve))),
    ),
  );
  if (work) await rm(work, { recursive: true, force: true });
});

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["worker/main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const runs = await db.ingestRun.findMany({
        select: { fileName: true, status: true, createdAt: true, startedAt: true, finishedAt: true, error: true },
        orderBy: { createdAt: "asc" },
      });
      throw new Error(
        `timed out; runs: ${JSON.stringify(runs, null, 1)}\nworker output (last 4000 characters):\n${workerOutput.slice(-4000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(process.env.TEST_DB === "postgres")(onPostgresOnly("several worker processes on one PostgreSQL"), () => {
  it("share one drop folder and ingest every file exactly once", async () => {
    work = await mkdtemp(path.join(tmpdir(), "csirt-workers-"));
    const inbox = path.join(work, "inbox");
    await mkdir(inbox, { recursive: true });
    await seedDefaults(db);
    await db.organisation.create({
      data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
    });

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      INBOX_DIR: inbox,
      DATA_DIR: work,
      AUTH_SECRET: "x".repeat(40),
      NODE_ENV: "production",
    };
    await Promise.all([startWorker(env), startWorker(env)]);

    // Eight different files (hour-shifted copies of yesterday's capture) with the same scanner, one stream:
    // 8 runs, one after the other, one incident, 8 × 300 flows.
    const text = recentFixtureText(await readFile(fixture("flows", "seed-format-example.txt"), "utf8"));
    const staging = path.join(work, "staging");
    await mkdir(staging);
    for (let hour = 0; hour < 8; hour++) {
      const shifted = text.replace(
        /^(\d\d):/gm,
        (_m, h: string) => `${String((Number(h) + hour) % 24).padStart(2, "0")}:`,
      );
      const staged = path.join(staging, `flows-${hour}.txt`);
      await writeFile(staged, shifted);
      const past = new Date(Date.now() - 10_000);
      await utimes(staged, past, past);
      await copyFile(staged, path.join(inbox, `flows-${hour}.txt`));
      await utimes(path.join(inbox, `flows-${hour}.txt`), past, past);
    }

    // One stream: the eight files run one after the other, so this takes longer than a parallel ingest would.
    await waitFor(
      async () => (await db.ingestRun.count({ where: { status: { in: ["SUCCEEDED", "FAILED", "DUPLICATE"] } } })) === 8,
      150_000,
    );
    const runs = await db.ingestRun.findMany({ select: { fileName: true, status: true, error: true } });
    expect(
      runs.filter((run) => run.status !== "SUCCEEDED"),
      workerOutput.slice(-4000),
    ).toEqual([]);
    expect(runs).toHaveLength(8);
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    expect(incident.flowCount).toBe(8 * 300);
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id } })).toBe(8);
    expect((await readdir(path.join(inbox, "done", "default"))).length).toBe(8);
    expect(await readdir(path.join(inbox, "processing", "default"))).toEqual([]);
  }, 180_000);
});
