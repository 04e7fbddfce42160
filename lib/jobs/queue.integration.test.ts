import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runWorker } from "@/worker/run-worker";
import { defineJob } from "./define-job";
import { enqueue, getQueue } from "./queue";

const received: Array<{ n: number; attempt: number }> = [];
let failOnce = true;

const testJob = defineJob({
  name: "test.record-number",
  schema: z.object({ n: z.number().int() }),
  queue: { retryLimit: 3, retryDelay: 1 },
  async handler({ n }, { retryCount }) {
    if (n === 99 && failOnce) {
      failOnce = false;
      throw new Error("first attempt fails");
    }
    received.push({ n, attempt: retryCount });
  },
});

async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for jobs");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("job queue (pg-boss on the product database)", () => {
  it("runs enqueued jobs, retries a failed one, and rejects invalid payloads at enqueue", async () => {
    const boss = await getQueue({ role: "worker" });
    await runWorker(boss, [testJob]);

    await enqueue(testJob, { n: 1 });
    await enqueue(testJob, { n: 2 });
    await enqueue(testJob, { n: 99 });
    await waitFor(() => received.length === 3);
    expect(received.map((job) => job.n).sort((a, b) => a - b)).toEqual([1, 2, 99]);
    expect(received.find((job) => job.n === 99)?.attempt).toBe(1);

    await expect(enqueue(testJob, { n: "three" } as never)).rejects.toThrow(/expected number/);
  });

  it("enqueues inside a Prisma transaction: rolled back together, committed together", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(testJob, { n: 500 }, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.$transaction(async (tx) => {
      await enqueue(testJob, { n: 501 }, { tx });
    });
    await waitFor(() => received.some((job) => job.n === 501));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received.some((job) => job.n === 500)).toBe(false);
  });
});
