import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { nfdumpCsv, seedFlowLines, writeFlows, zeekConnJson } from "@/test/support/flow-files";
import { flow, ipv4Target, MINUTE } from "./detect/test-support";
import type { FlowRecord } from "./flow";
import { createIngestRun } from "./create-ingest-run";
import { processIngestRun } from "./process-ingest-run";

let work: string;
/** Five-minute slots ending an hour ago: every file is recent and plausible. */
const SLOT0 = Math.floor((Date.now() - 2 * 60 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-streams-"));
  await seedDefaults(db);
  await db.organisation.create({
    data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.incident.deleteMany();
  await db.ingestRun.deleteMany();
  await db.ingestStream.deleteMany();
});

/** `perMinute` new SSH servers a minute from `src`, from `start` for `minutes`. */
function scan(src: string, perMinute: number, minutes: number, start = SLOT0, firstTarget = 0): FlowRecord[] {
  return Array.from({ length: perMinute * minutes }, (_, i) =>
    flow({
      start: start + Math.floor((i * MINUTE) / perMinute) + 137,
      srcAddr: src,
      srcPort: 30000 + i,
      dstAddr: ipv4Target(firstTarget + i),
      packets: 1,
      bytes: 60,
    }),
  );
}

/** nfcapd-style five-minute files of the flows starting at slot `from` (0, 1, 2, ...). */
function slot(flows: FlowRecord[], index: number): FlowRecord[] {
  const start = SLOT0 + index * 5 * MINUTE;
  return flows.filter((f) => f.start >= start && f.start < start + 5 * MINUTE);
}

async function ingest(name: string, text: string, stream = "border-1") {
  const file = await writeFlows(path.join(work, name), text);
  const run = await createIngestRun(db, { source: "DROP_FOLDER", filePath: file, fileName: name, stream });
  return processIngestRun(db, run.id);
}

function slotName(index: number): string {
  return `nfcapd.${new Date(SLOT0 + index * 5 * MINUTE).toISOString().replace(/[-:T]/g, "").slice(0, 12)}`;
}

async function theIncident(sourceIp: string) {
  return db.incident.findFirstOrThrow({ where: { sourceIp }, include: { evidence: true, timeline: true } });
}

describe("detection across the rotated files of a stream", () => {
  const fast = scan("192.0.2.45", 15, 15); // 75 per five-minute file, 150 per ten minutes
  const slow = scan("192.0.2.46", 8, 15, SLOT0, 5000); // 40 per file, 80 per ten minutes
  const files = [0, 1, 2].map((i) =>
    seedFlowLines([...slot(fast, i), ...slot(slow, i)].sort((a, b) => a.start - b.start)),
  );

  it("raises one incident, with exact figures, for a scan that reaches N within W only across files; nothing for a slower host", async () => {
    const first = await ingest(slotName(0), files[0]!);
    expect(first.run.status).toBe("SUCCEEDED");
    expect(first.incidents).toEqual([]);
    const second = await ingest(slotName(1), files[1]!);
    expect(
      second.incidents.map((incident) => [
        incident.sourceIp,
        incident.action,
        incident.flows,
        incident.distinctTargets,
      ]),
    ).toEqual([["192.0.2.45", "created", 150, 150]]);
    const third = await ingest(slotName(2), files[2]!);
    expect(third.incidents.map((incident) => [incident.action, incident.flows, incident.distinctTargets])).toEqual([
      ["updated", 225, 225],
    ]);

    expect(await db.incident.count()).toBe(1);
    const incident = await theIncident("192.0.2.45");
    expect(incident).toMatchObject({ flowCount: 225, distinctTargets: 225 });
    // The seed's lines print whole seconds.
    expect(incident.firstSeen.getTime()).toBe(Math.floor(fast[0]!.start / 1000) * 1000);
    expect(incident.lastSeen.getTime()).toBe(Math.floor(fast.at(-1)!.start / 1000) * 1000);
    expect(incident.summary).toContain("sending at least 225 flows between");
    const csvRows = incident.evidence
      .filter((evidence) => evidence.kind === "FLOW_LIST")
      .flatMap((evidence) => Buffer.from(evidence.content).toString("utf8").trim().split(/\r?\n/).slice(1));
    expect(csvRows).toHaveLength(225);
    expect(new Set(csvRows).size).toBe(225);
  });

  it("keeps the state across a restart: each file is read by a fresh process that only has the database", async () => {
    // processIngestRun keeps nothing in memory between runs; the detector is rebuilt from the stream row.
    await ingest(slotName(0), files[0]!);
    const stream = await db.ingestStream.findUniqueOrThrow({ where: { name: "border-1" } });
    expect(stream.state).not.toBeNull();
    expect(stream.stateVersion).toBe(1);
    const second = await ingest(slotName(1), files[1]!);
    expect(second.incidents.map((incident) => incident.flows)).toEqual([150]);
  });

  it("keeps streams apart: the same files split over two collectors' streams raise nothing", async () => {
    await ingest(slotName(0), files[0]!, "border-1");
    const other = await ingest(slotName(1), files[1]!, "border-2");
    expect(other.incidents).toEqual([]);
  });
});

describe("every flow counted once", () => {
  const flows = scan("192.0.2.45", 30, 5);

  it("the same flows in another format, order and file name change no count", async () => {
    const first = await ingest("export.csv", nfdumpCsv(flows));
    expect(first.incidents.map((incident) => [incident.action, incident.flows])).toEqual([["created", 150]]);

    const reordered = [...flows].reverse();
    const seed = await ingest("export-again.txt", seedFlowLines([...flows].sort((a, b) => a.start - b.start)));
    const zeek = await ingest("conn.log", zeekConnJson(reordered));
    for (const again of [seed, zeek]) {
      expect(again.run.status).toBe("SUCCEEDED");
      expect(again.run.repeatedFlows).toBe(150);
      expect(again.run.incidentsUpdated + again.run.incidentsCreated).toBe(0);
    }
    const incident = await theIncident("192.0.2.45");
    expect(incident).toMatchObject({ flowCount: 150, distinctTargets: 150 });
    expect(incident.evidence.filter((evidence) => evidence.kind === "FLOW_LIST")).toHaveLength(1);
    expect(incident.timeline.map((event) => event.type)).toEqual(["CREATED"]);
  });

  it("two exporters that saw the same connections count them once", async () => {
    const [a, b] = await Promise.all([
      ingest("router-a.csv", nfdumpCsv(flows), "router-a"),
      ingest("router-b.txt", seedFlowLines(flows), "router-b"),
    ]);
    expect([a.run.status, b.run.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    const incident = await theIncident("192.0.2.45");
    expect(incident).toMatchObject({ flowCount: 150, distinctTargets: 150 });
    expect(a.run.repeatedFlows + b.run.repeatedFlows).toBe(150);
  });

  it("a later file with some repeats and some new flows adds only the new ones, and new targets exactly", async () => {
    await ingest("first.csv", nfdumpCsv(flows));
    // 50 of the first file's flows again, 60 new flows to 30 of the old servers and 30 new ones.
    const again = flows.slice(100);
    const more = Array.from({ length: 60 }, (_, i) =>
      flow({
        start: SLOT0 + 6 * MINUTE + i * 1000,
        srcAddr: "192.0.2.45",
        srcPort: 50000 + i,
        dstAddr: ipv4Target(i < 30 ? i : 1000 + i),
      }),
    );
    const { run, incidents } = await ingest("second.csv", nfdumpCsv([...again, ...more]));
    expect(run.repeatedFlows).toBe(50);
    expect(incidents.map((incident) => [incident.action, incident.flows, incident.distinctTargets])).toEqual([
      ["updated", 210, 180],
    ]);
  });
});

describe("late files and damaged state", () => {
  it("a file older than the late tolerance is still counted, on its own, and says so", async () => {
    await ingest(slotName(12), seedFlowLines(scan("192.0.2.50", 1, 5, SLOT0 + 60 * MINUTE)));
    const late = await ingest(slotName(0), seedFlowLines(scan("192.0.2.45", 30, 5)));
    expect(late.run.late).toBe(true);
    expect(late.run.notes).toEqual([expect.stringMatching(/analysed on its own/)]);
    expect(late.incidents.map((incident) => [incident.action, incident.flows])).toEqual([["created", 150]]);
    // The stream's state stays where the newer file left it.
    const stream = await db.ingestStream.findUniqueOrThrow({ where: { name: "border-1" } });
    expect(stream.stateVersion).toBe(1);
  });

  it("a stream whose saved state is damaged starts fresh and says so", async () => {
    await ingest(slotName(0), seedFlowLines(scan("192.0.2.45", 15, 5)));
    await db.ingestStream.update({ where: { name: "border-1" }, data: { state: Buffer.from("not gzip") } });
    const next = await ingest(slotName(1), seedFlowLines(scan("192.0.2.45", 15, 5, SLOT0 + 5 * MINUTE, 500)));
    expect(next.run.status).toBe("SUCCEEDED");
    expect(next.run.notes).toEqual([expect.stringMatching(/could not be read; detection started fresh/)]);
    expect(next.incidents).toEqual([]);
    await db.ingestStream.update({ where: { name: "border-1" }, data: { state: null } });
    const after = await ingest(slotName(2), seedFlowLines(scan("192.0.2.45", 15, 5, SLOT0 + 10 * MINUTE, 900)));
    expect(after.run.notes).toEqual([expect.stringMatching(/was missing; detection started fresh/)]);
  });

  it("rejects flows dated far in the future or long ago, with the reason, and raises nothing from them", async () => {
    const future = scan("192.0.2.45", 120, 1, Date.UTC(9999, 11, 31, 0, 0));
    const ancient = scan("192.0.2.46", 120, 1, Date.UTC(1970, 0, 1, 0, 0));
    const plausible = scan("192.0.2.47", 10, 1);
    const { run, incidents } = await ingest("clocks.csv", nfdumpCsv([...ancient, ...plausible, ...future]));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.flows).toBe(250);
    expect(run.implausibleFlows).toBe(240);
    expect(run.rejectedLines).toBe(240);
    expect(run.dataStart?.getTime()).toBe(plausible[0]!.start);
    const reasons = (run.rejectedSamples as Array<{ reason: string }>).map((sample) => sample.reason);
    expect(reasons).toHaveLength(100);
    expect(reasons[0]).toMatch(/^flow dated 1970-01-01T00:00:00\.137Z, more than 30 days before it was ingested/);
    const { run: future2 } = await ingest("future.csv", nfdumpCsv(future));
    expect((future2.rejectedSamples as Array<{ reason: string }>)[0]!.reason).toMatch(
      /^flow dated 9999-12-31T00:00:00\.137Z, more than 15 minutes after it was ingested/,
    );
    expect(incidents).toEqual([]);
    expect(await db.incident.count()).toBe(0);
  });
});
