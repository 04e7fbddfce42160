import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postFlows } from "@/app/api/v1/flows/route";
import { GET as getRun } from "@/app/api/v1/flows/[runId]/route";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import { processIngestRunJob } from "@/lib/jobs/definitions/process-ingest-run";
import { seedDefaults } from "@/prisma/seed";
import { fixture, recentFixtureText } from "@/test/support/samples";

/**
 * The captures are moved to two days ago, not yesterday: their flows run from 02:1x UTC, so
 * "yesterday" would still be inside the last 24 hours whenever the tests run before 02:20 UTC.
 */
const CAPTURE_DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
import { claimInboxFiles, dropFolderPaths, recoverOrphanedFiles } from "./drop-folder";

let work: string;
let inbox: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-ways-in-"));
  inbox = path.join(work, "inbox");
  process.env.DATA_DIR = work;
  process.env.INBOX_DIR = inbox;
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

/** A fixture moved to yesterday (the worker reads it with the real clock), settled in the inbox or a stream's subfolder. */
async function settledCopy(source: string, name: string, folder = inbox): Promise<string> {
  const target = path.join(folder, name);
  await mkdir(folder, { recursive: true });
  await writeFile(target, recentFixtureText(await readFile(source, "utf8"), CAPTURE_DAY));
  const past = new Date(Date.now() - 10_000);
  await utimes(target, past, past);
  return target;
}

describe("drop folder", () => {
  it("claims settled files, leaves files still being written, and moves processed files to done/ or failed/", async () => {
    await claimInboxFiles(db, inbox); // creates the folders
    await settledCopy(fixture("flows", "nfdump-1.7.1-example.csv"), "nfcapd.202701090200.csv");
    await writeFile(path.join(inbox, "nfcapd.current.1234"), "being written");
    await writeFile(path.join(inbox, "just-arrived.csv"), "ts,te\n");
    const broken = await settledCopy(fixture("flows", "nfdump-1.7.1-example.csv"), "broken.bin");
    await writeFile(broken, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    await utimes(broken, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));

    const runs = await claimInboxFiles(db, inbox);
    expect(runs.map((run) => run.fileName).sort()).toEqual(["broken.bin", "nfcapd.202701090200.csv"]);
    expect(runs.every((run) => run.source === "DROP_FOLDER" && run.status === "QUEUED")).toBe(true);
    expect((await readdir(inbox)).sort()).toEqual([
      "done",
      "failed",
      "just-arrived.csv",
      "nfcapd.current.1234",
      "processing",
    ]);

    for (const run of runs)
      await processIngestRunJob.handler(
        { runId: run.id },
        { jobId: "test", retryCount: 0, signal: new AbortController().signal },
      );

    const paths = dropFolderPaths(inbox);
    expect(await readdir(path.join(paths.processing, "default"))).toEqual([]);
    const doneDefault = path.join(paths.done, "default");
    const failedDefault = path.join(paths.failed, "default");
    expect((await readdir(doneDefault)).map((name) => name.replace(/^\d{8}T\d+Z-/, ""))).toEqual([
      "nfcapd.202701090200.csv",
    ]);
    const failed = (await readdir(failedDefault)).map((name) => name.replace(/^\d{8}T\d+Z-/, "")).sort();
    expect(failed).toEqual(["broken.bin", "broken.bin.error.txt"]);
    const reason = await readFile(
      path.join(failedDefault, (await readdir(failedDefault)).find((name) => name.endsWith(".error.txt"))!),
      "utf8",
    );
    expect(reason).toMatch(/format/i);

    const done = await db.ingestRun.findFirstOrThrow({ where: { fileName: "nfcapd.202701090200.csv" } });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.storagePath).toContain(`${path.sep}done${path.sep}`);
    expect(await db.incident.count()).toBe(2);

    // The same content dropped again is recognised and filed as done without a second ingest.
    await settledCopy(fixture("flows", "nfdump-1.7.1-example.csv"), "copy-of-the-same.csv");
    const [duplicate] = await claimInboxFiles(db, inbox);
    expect(duplicate!.status).toBe("DUPLICATE");
    expect((await readdir(doneDefault)).some((name) => name.endsWith("copy-of-the-same.csv"))).toBe(true);
  });

  it("files each exporter's subfolder as a stream of its own, claimed in name order; other folders are left alone", async () => {
    const border = path.join(inbox, "border-2");
    await settledCopy(fixture("flows", "seed-format-example.txt"), "nfcapd.202701090205", border);
    await settledCopy(fixture("flows", "nfdump-1.7.4-example.csv"), "nfcapd.202701090200", border);
    await mkdir(path.join(inbox, "bad name!"), { recursive: true });
    await settledCopy(fixture("flows", "nfdump-1.7.4-example.csv"), "ignored.csv", path.join(inbox, "bad name!"));
    const runs = await claimInboxFiles(db, inbox);
    expect(runs.map((run) => run.fileName)).toEqual(["nfcapd.202701090200", "nfcapd.202701090205"]);
    const stream = await db.ingestStream.findUniqueOrThrow({ where: { name: "border-2" } });
    expect(runs.every((run) => run.streamId === stream.id)).toBe(true);
    for (const run of runs)
      await processIngestRunJob.handler(
        { runId: run.id },
        { jobId: "test", retryCount: 0, signal: new AbortController().signal },
      );
    expect((await readdir(path.join(dropFolderPaths(inbox).done, "border-2"))).length).toBe(2);
    expect(await readdir(path.join(inbox, "bad name!"))).toEqual(["ignored.csv"]);
  });

  it("picks up a file a dead worker left in processing/ without a run", async () => {
    await mkdir(path.join(dropFolderPaths(inbox).processing, "border-3"), { recursive: true });
    const orphan = path.join(dropFolderPaths(inbox).processing, "border-3", "20270109T020000000Z-orphan.txt");
    await copyFile(fixture("flows", "seed-format-example.txt"), orphan);
    const [run] = await recoverOrphanedFiles(db, inbox);
    expect(run!.fileName).toBe("orphan.txt");
    expect(run!.storagePath).toBe(orphan);
    expect(run!.streamId).toBe((await db.ingestStream.findUniqueOrThrow({ where: { name: "border-3" } })).id);
    expect(await recoverOrphanedFiles(db, inbox)).toEqual([]);
  });
});

describe("POST /api/v1/flows", () => {
  it("takes a gzip body with an ingest token, answers 202 with the run, and the run can be followed", async () => {
    const { token } = await createApiToken(db, { name: "collector-1", scopes: ["ingest"] });
    const body = gzipSync(
      recentFixtureText(await readFile(fixture("flows", "nfdump-1.7.1-example-long.txt"), "utf8"), CAPTURE_DAY),
    );
    const response = await postFlows(
      new Request("http://localhost/api/v1/flows?name=../../etc/nfcapd.long.txt.gz&stream=border-1", {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { runId: string; status: string; bytes: number };
    expect(accepted.status).toBe("QUEUED");
    expect(accepted.bytes).toBe(body.length);
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: accepted.runId } });
    expect(run.fileName).toBe("nfcapd.long.txt.gz");
    expect(run.source).toBe("API");
    expect(run.streamId).toBe((await db.ingestStream.findUniqueOrThrow({ where: { name: "border-1" } })).id);

    await processIngestRunJob.handler(
      { runId: run.id },
      { jobId: "test", retryCount: 0, signal: new AbortController().signal },
    );
    const status = await getRun(
      new Request(`http://localhost/api/v1/flows/${run.id}`, { headers: { authorization: `Bearer ${token}` } }),
      {
        params: Promise.resolve({ runId: run.id }),
      },
    );
    const described = (await status.json()) as {
      status: string;
      format: string;
      flows: number;
      rejected: number;
      progress: number;
    };
    expect(described).toMatchObject({
      status: "succeeded",
      format: "nfdump-text",
      flows: 972,
      rejected: 120,
      progress: 1,
      stream: "border-1",
      late: false,
    });
    // The drop-folder test above already counted the IPv4 scanner's 300 flows (same capture, CSV export).
    expect(described).toMatchObject({ flowsCounted: 672, flowsRepeated: 300 });
    // A capture of two days ago: the stream is over a day behind, and outside the last 24 hours' figures.
    expect(described).toMatchObject({
      streamHealth: { name: "border-1", newestDataAt: expect.stringMatching(/T02:1\d:/), files: 0, queuedFiles: 0 },
    });
    expect((described as unknown as { streamHealth: { lagSeconds: number } }).streamHealth.lagSeconds).toBeGreaterThan(
      22 * 3600,
    );
  });

  it("refuses missing, unknown and revoked tokens the same way, and empty bodies", async () => {
    const call = (authorization: string | null, body: BodyInit | null = "x") =>
      postFlows(
        new Request("http://localhost/api/v1/flows", {
          method: "POST",
          headers: authorization ? { authorization } : {},
          body,
          duplex: "half",
        } as RequestInit),
      );
    expect((await call(null)).status).toBe(401);
    expect((await call("Bearer csirt_not-a-real-token")).status).toBe(401);
    const { id, token } = await createApiToken(db, { name: "old", scopes: ["ingest"] });
    await revokeApiToken(db, id);
    expect((await call(`Bearer ${token}`)).status).toBe(401);
    const valid = await createApiToken(db, { name: "valid", scopes: ["ingest"] });
    const empty = await call(`Bearer ${valid.token}`, new Uint8Array());
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { detail: string }).detail).toBe("The file is empty.");
    const badStream = await postFlows(
      new Request("http://localhost/api/v1/flows?stream=../evil", {
        method: "POST",
        headers: { authorization: `Bearer ${valid.token}` },
        body: "x",
        duplex: "half",
      } as RequestInit),
    );
    expect(badStream.status).toBe(422);
    expect(((await badStream.json()) as { detail: string }).detail).toMatch(
      /^Stream "..\/evil": A stream name is 1 to 64 letters/,
    );
  });
});

/** A body that records whether anyone read it, and would hold 2 GiB if they did. */
function untouchedBody(): { body: ReadableStream<Uint8Array>; wasRead: () => boolean } {
  let read = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        read = true;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, wasRead: () => read };
}

function flowsRequest(headers: Record<string, string>, body: BodyInit): Request {
  return new Request("http://localhost/api/v1/flows?name=big.csv", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
}

describe("POST /api/v1/flows: limits before the body", () => {
  it("refuses an anonymous caller without reading the body", async () => {
    const probe = untouchedBody();
    const response = await postFlows(flowsRequest({ "content-length": String(2 * 1024 ** 3) }, probe.body));
    expect(response.status).toBe(401);
    expect(probe.wasRead()).toBe(false);
  });

  it("refuses a declared size over the per-request limit with 413, without reading the body", async () => {
    const { token } = await createApiToken(db, { name: "too-big", scopes: ["ingest"] });
    const probe = untouchedBody();
    const response = await postFlows(
      flowsRequest({ authorization: `Bearer ${token}`, "content-length": String(3 * 1024 ** 3) }, probe.body),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/larger than 2,048 MiB/);
    expect(probe.wasRead()).toBe(false);
  });

  it("stops a body without a declared size at the limit", async () => {
    await db.setting.upsert({
      where: { key: "upload.maxRequestMiB" },
      create: { key: "upload.maxRequestMiB", value: 1 },
      update: { value: 1 },
    });
    try {
      const { token } = await createApiToken(db, { name: "chunked", scopes: ["ingest"] });
      const response = await postFlows(
        flowsRequest({ authorization: `Bearer ${token}` }, new Uint8Array(1024 ** 2 + 1)),
      );
      expect(response.status).toBe(413);
      expect(await readdir(path.join(work, "uploads"))).not.toContainEqual(expect.stringContaining("big.csv"));
    } finally {
      await db.setting.delete({ where: { key: "upload.maxRequestMiB" } });
    }
  });

  it("answers 429 with what is left once a token has used its hourly quota", async () => {
    await db.setting.upsert({
      where: { key: "upload.callerMiBPerHour" },
      create: { key: "upload.callerMiBPerHour", value: 1 },
      update: { value: 1 },
    });
    try {
      const { token } = await createApiToken(db, { name: "busy", scopes: ["ingest"] });
      const first = await postFlows(
        flowsRequest({ authorization: `Bearer ${token}` }, new Uint8Array(700 * 1024).fill(65)),
      );
      expect(first.status).toBe(202);
      const probe = untouchedBody();
      const second = await postFlows(
        flowsRequest({ authorization: `Bearer ${token}`, "content-length": String(400 * 1024) }, probe.body),
      );
      expect(second.status).toBe(429);
      const problem = (await second.json()) as { type: string; detail: string };
      expect(second.headers.get("content-type")).toBe("application/problem+json");
      expect(problem.type).toMatch(/#problem-rate-limited$/);
      expect(problem.detail).toMatch(/Upload quota reached: 1 MiB per hour, 1 MiB left/);
      expect(probe.wasRead()).toBe(false);
      // Another token's quota is its own.
      const other = await createApiToken(db, { name: "idle", scopes: ["ingest"] });
      expect(
        (await postFlows(flowsRequest({ authorization: `Bearer ${other.token}` }, new Uint8Array(700 * 1024).fill(66))))
          .status,
      ).toBe(202);
    } finally {
      await db.setting.delete({ where: { key: "upload.callerMiBPerHour" } });
    }
  });
});

describe("GET /api/v1/flows/{runId}", () => {
  it("shows a token only the runs it sent", async () => {
    const sender = await createApiToken(db, { name: "sender", scopes: ["ingest"] });
    const snoop = await createApiToken(db, { name: "snoop", scopes: ["ingest"] });
    const sent = await postFlows(
      flowsRequest(
        { authorization: `Bearer ${sender.token}` },
        "2027-01-09 02:00:00.000 TCP 192.0.2.1:1 -> 198.51.100.1:22\n",
      ),
    );
    const { runId } = (await sent.json()) as { runId: string };
    const read = (token: string) =>
      getRun(new Request(`http://localhost/api/v1/flows/${runId}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ runId }),
      });
    expect((await read(sender.token)).status).toBe(200);
    const refused = await read(snoop.token);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { detail: string }).detail).toBe("No such ingest run.");
  });
});
