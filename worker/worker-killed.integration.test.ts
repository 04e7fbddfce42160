import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { onPostgresOnly } from "@/test/support/postgres";

const workers: ChildProcess[] = [];
let work: string | undefined;
const SCANNED = 150;
/** Large enough that the worker is still reading when it is killed (it reads ~0.5 M lines a second). */
const LINES = 3_000_000;

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  if (work) await rm(work, { recursive: true, force: true });
});

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // One process (node with tsx's loader), not the tsx CLI: that would leave its node child running after a SIGKILL.
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve(child);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`worker exited with ${code ?? signal}: ${output}`)));
  });
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(await db.ingestRun.findMany({ select: { status: true, lines: true, startedAt: true, heartbeatAt: true, error: true } }))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A big seed-format file from an hour ago: one member scanning 150 servers in its first minutes, inside lots of other traffic. */
async function writeFlowFile(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  const start = Date.now() - 3_600_000;
  out.write(`${new Date(start).toISOString().slice(0, 10)}\n`);
  const base = Math.floor(start / 1000) * 1000;
  let chunk = "";
  for (let i = 0; i < lines; i++) {
    const time = new Date(base + Math.floor(i / 1000) * 1000).toISOString().slice(11, 19);
    chunk += `${time}Z TCP 203.0.113.${i % 250}:${1024 + (i % 60000)} -> 198.18.${(i >> 8) & 255}.${i & 255}:443 -A---- 12 4096\n`;
    // The scan: one new server every 500 lines (half a second) at the start of the file, within W.
    if (i % 500 === 0 && i / 500 < SCANNED)
      chunk += `${time}Z TCP 192.0.2.45:${40000 + i / 500} -> 198.51.100.${i / 500}:22 ----S- 1 60\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

describe.runIf(process.env.TEST_DB === "postgres")(onPostgresOnly("a worker killed while it reads a file"), () => {
  it("has its run taken over by another worker (heartbeat stopped), counted once", async () => {
    work = await mkdtemp(path.join(tmpdir(), "csirt-killed-"));
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

    const staged = path.join(work, "big.txt");
    await writeFlowFile(staged, LINES);
    const first = await startWorker(env);
    await rename(staged, path.join(inbox, "big.txt"));

    const running = await waitFor(
      "the first worker to read",
      () => db.ingestRun.findFirst({ where: { status: "RUNNING", lines: { gt: 0, lt: LINES / 2 } } }),
      90_000,
    );
    first.kill("SIGKILL");
    const killedAt = Date.now();
    await new Promise((resolve) => first.once("exit", resolve));

    await startWorker(env);
    const restarted = await waitFor(
      "another worker to take over",
      async () => {
        const run = await db.ingestRun.findUniqueOrThrow({ where: { id: running.id } });
        return run.startedAt && run.startedAt.getTime() > killedAt ? run : null;
      },
      90_000,
    );
    // pg-boss retries a job 20 s after its last heartbeat (supervision every 10 s).
    expect(restarted.startedAt!.getTime() - killedAt).toBeLessThan(60_000);
    const done = await waitFor(
      "the run to succeed",
      async () => {
        const run = await db.ingestRun.findUniqueOrThrow({ where: { id: running.id } });
        return run.status === "SUCCEEDED" ? run : null;
      },
      180_000,
    );
    expect(done.incidentsCreated).toBe(1);
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    expect(incident.flowCount).toBe(SCANNED);
    expect(await db.ingestRun.count()).toBe(1);
  }, 360_000);
});
