import { copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as postFlows } from "@/app/api/v1/flows/route";
import { GET as getRun } from "@/app/api/v1/flows/[runId]/route";
import { createApiToken } from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import { processIngestRunJob } from "@/lib/jobs/definitions/process-ingest-run";
import { seedDefaults } from "@/prisma/seed";
import { plantedScannerTraffic, writeNfcapdFile } from "@/test/support/nfcapd";
import { describeWithNfdump } from "@/test/support/nfdump-tools";
import { createIngestRun } from "./create-ingest-run";
import { claimInboxFiles, dropFolderPaths } from "./drop-folder";
import { processIngestRun } from "./process-ingest-run";

/** Flows from a few hours ago: plausible to ingest now (flows far from the ingest time are rejected). */
const START = Math.floor((Date.now() - 5 * 3_600_000) / 60_000) * 60_000;
const job = { jobId: "test", retryCount: 0, signal: new AbortController().signal };

describeWithNfdump("nfcapd files written by real nfcapd, through each way in", () => {
  let work: string;
  let inbox: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "csirt-nfcapd-ways-in-"));
    inbox = path.join(work, "inbox");
    process.env.DATA_DIR = work;
    process.env.INBOX_DIR = inbox;
    await seedDefaults(db);
    await db.organisation.create({
      data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
    });
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function settledCopy(source: string, name: string): Promise<void> {
    const target = path.join(inbox, name);
    await copyFile(source, target);
    const past = new Date(Date.now() - 10_000);
    await utimes(target, past, past);
  }

  it("drop folder: a collector's file raises the scanner's incident; a truncated one fails with nfdump's reason", async () => {
    const file = await writeNfcapdFile(
      path.join(work, "capture-drop"),
      plantedScannerTraffic("192.0.2.45", 150, START),
    );
    const truncated = path.join(work, "truncated");
    await copyFile(file, truncated);
    await truncate(truncated, Math.floor((await stat(file)).size / 2));
    await claimInboxFiles(db, inbox);
    await settledCopy(file, "nfcapd.202701090200");
    await settledCopy(truncated, "nfcapd.202701090205");

    const runs = await claimInboxFiles(db, inbox);
    expect(runs.map((run) => run.fileName).sort()).toEqual(["nfcapd.202701090200", "nfcapd.202701090205"]);
    for (const run of runs) await processIngestRunJob.handler({ runId: run.id }, job);

    const done = await db.ingestRun.findFirstOrThrow({ where: { fileName: "nfcapd.202701090200" } });
    // 450 flows in the file; nfdump hands over the 150 TCP probes to port 22 only.
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      format: "nfcapd",
      lines: 150,
      flows: 150,
      rejectedLines: 0,
      incidentsCreated: 1,
    });
    expect(Number(done.bytesProcessed)).toBe((await stat(file)).size);
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    expect(incident).toMatchObject({ flowCount: 150, distinctTargets: 150 });

    const failed = await db.ingestRun.findFirstOrThrow({ where: { fileName: "nfcapd.202701090205" } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/^nfdump could not read the nfcapd file: .*appendix/);
    expect(failed.incidentsCreated).toBe(0);
    const paths = dropFolderPaths(inbox);
    const failedDir = path.join(paths.failed, "default");
    const reasonFile = (await readdir(failedDir)).find((name) => name.endsWith("nfcapd.202701090205.error.txt"));
    expect(await readFile(path.join(failedDir, reasonFile!), "utf8")).toMatch(/appendix/);
    expect(await db.incident.count()).toBe(1);
  });

  it("POST /api/v1/flows: the binary body is stored as sent and read through nfdump", async () => {
    const file = await writeNfcapdFile(
      path.join(work, "capture-api"),
      plantedScannerTraffic("192.0.2.46", 120, START + 3_600_000),
    );
    const { token } = await createApiToken(db, { name: "collector-2", scopes: ["ingest"] });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" };
    const request = new Request("http://localhost/api/v1/flows?name=nfcapd.202701090300", {
      method: "POST",
      headers,
      body: await readFile(file),
      duplex: "half",
    } as RequestInit);
    const response = await postFlows(request);
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    await processIngestRunJob.handler({ runId }, job);

    const status = await getRun(new Request(`http://localhost/api/v1/flows/${runId}`, { headers }), {
      params: Promise.resolve({ runId }),
    });
    expect(await status.json()).toMatchObject({
      status: "succeeded",
      format: "nfcapd",
      flows: 120,
      rejected: 0,
      progress: 1,
      incidentsCreated: 1,
    });
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.46" } });
    expect(incident).toMatchObject({ flowCount: 120, distinctTargets: 120 });
  });

  it("without nfdump the run fails with how to install it, and nothing is counted", async () => {
    const file = await writeNfcapdFile(
      path.join(work, "capture-no-nfdump"),
      plantedScannerTraffic("192.0.2.48", 110, START + 7_200_000),
    );
    process.env.NFDUMP_PATH = path.join(work, "no-such-nfdump");
    try {
      const run = await createIngestRun(db, { source: "CLI", filePath: file });
      const { run: failed, incidents } = await processIngestRun(db, run.id);
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toMatch(/nfdump was not found .*apt-get install nfdump/);
      expect(incidents).toEqual([]);
      expect(await db.incident.count({ where: { sourceIp: "192.0.2.48" } })).toBe(0);
    } finally {
      delete process.env.NFDUMP_PATH;
    }
  });
});
