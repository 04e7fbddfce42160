import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeIncidentStatus } from "@/lib/incidents/change-incident-status";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { parseIncidentQuery } from "@/lib/incidents/incident-query";
import { searchIncidents } from "@/lib/incidents/search-incidents";
import { createIngestRun } from "./create-ingest-run";
import { processIngestRun } from "./process-ingest-run";

let work: string;

async function ingest(filePath: string, fileName?: string) {
  const run = await createIngestRun(db, { source: "CLI", filePath, fileName });
  return processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
}

async function incidentsBySource() {
  const incidents = await db.incident.findMany({ include: { organisation: true }, orderBy: { sourceIp: "asc" } });
  return incidents.map((incident) => ({
    sourceIp: incident.sourceIp,
    organisation: incident.organisation.name,
    status: incident.status,
  }));
}

const EXPECTED = [
  { sourceIp: "192.0.2.45", organisation: "Example College", status: "NEW" },
  { sourceIp: "2001:db8:10:1::99", organisation: "Sample University", status: "NEW" },
];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-ingest-"));
  await seedDefaults(db);
  await db.organisation.create({
    data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
  });
  await db.organisation.create({
    data: {
      name: "Sample University",
      slug: "sample-university",
      blocks: { create: [{ network: "198.51.100.0/24" }, { network: "2001:db8:10::/48" }] },
    },
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.incident.deleteMany();
  await db.ingestRun.deleteMany();
});

describe("ingest of the shared nfdump and seed samples", () => {
  it.each([
    ["nfdump legacy CSV", "nfdump-1.7.1-example.csv", "nfdump-csv-legacy"],
    ["seed flow lines", "seed-format-example.txt", "seed-flow-lines"],
  ])(
    "%s raises exactly the two outbound scanners, nothing for the inbound scanner or the SSH user",
    async (_label, file, format) => {
      const { run, incidents } = await ingest(fixture("flows", file));
      expect(run.status).toBe("SUCCEEDED");
      expect(run.format).toBe(format);
      expect(run.flows).toBe(1092);
      expect(run.rejectedLines).toBe(0);
      expect(run.incidentsCreated).toBe(2);
      expect(await incidentsBySource()).toEqual(EXPECTED);

      const v4 = incidents.find((incident) => incident.sourceIp === "192.0.2.45")!;
      expect(v4).toMatchObject({
        organisation: "Example College",
        port: 22,
        flows: 300,
        distinctTargets: 300,
        kind: "scan",
        action: "created",
      });
      const v6 = incidents.find((incident) => incident.sourceIp === "2001:db8:10:1::99")!;
      expect(v6).toMatchObject({
        organisation: "Sample University",
        port: 22,
        flows: 120,
        distinctTargets: 120,
        kind: "scan",
        action: "created",
      });
    },
  );

  it("nfdump -o long text: the IPv4 scanner is raised; IPv6 lines nfdump abbreviated are rejected with the reason, never guessed", async () => {
    // nfdump's text output shortens long IPv6 addresses to 7 characters each side ("2001:db..0:1::99"):
    // the address is lost, and an incident about a guessed address would accuse the wrong host.
    const { run, incidents } = await ingest(fixture("flows", "nfdump-1.7.1-example-long.txt"));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.format).toBe("nfdump-text");
    expect(run.flows + run.rejectedLines).toBe(1092);
    expect(run.rejectedLines).toBe(120);
    const samples = run.rejectedSamples as Array<{ line: number; reason: string }>;
    expect(samples[0]!.reason).toMatch(/abbreviated by nfdump.*-o line6\/long6\/extended6/);
    expect(incidents.map((incident) => [incident.sourceIp, incident.organisation, incident.flows])).toEqual([
      ["192.0.2.45", "Example College", 300],
    ]);
    expect(await incidentsBySource()).toEqual([EXPECTED[0]]);
  });

  it("stores the summary in the seed's words, a re-readable log sample with legend, and every flow as CSV", async () => {
    await ingest(fixture("flows", "nfdump-1.7.1-example.csv"));
    const incident = await db.incident.findFirstOrThrow({
      where: { sourceIp: "192.0.2.45" },
      include: { evidence: true, timeline: true },
    });
    expect(incident.summary).toMatch(
      /^An IP at Example College, 192\.0\.2\.45 was scanning for port 22\/tcp sending at least 300 flows between 2027-01-09T02:02:4\d\+00:00 and 2027-01-09T02:12:4\d\+00:00\.$/,
    );
    expect(incident.reference).toBeGreaterThan(0);

    const sample = incident.evidence.find((evidence) => evidence.kind === "FLOW_SAMPLE")!;
    const sampleText = Buffer.from(sample.content).toString("utf8");
    const flowLines = sampleText.split("\n").filter((line) => /^\d\d:\d\d:\d\dZ /.test(line));
    expect(flowLines).toHaveLength(20);
    expect(flowLines.every((line) => line.includes(" TCP 192.0.2.45:") && line.includes(":22 "))).toBe(true);
    expect(sampleText).toMatch(/^2027-01-09\n/);
    expect(sampleText).toContain(". . .");
    expect(sampleText).toContain("Legend:");

    const flows = incident.evidence.find((evidence) => evidence.kind === "FLOW_LIST")!;
    const rows = Buffer.from(flows.content).toString("utf8").trim().split(/\r?\n/);
    expect(rows).toHaveLength(301);
    expect(flows.truncated).toBe(false);
    expect(incident.timeline.map((event) => event.type)).toEqual(["CREATED"]);
  });

  it("ingesting the same file twice changes nothing and says so", async () => {
    const first = await ingest(fixture("flows", "nfdump-1.7.1-example.csv"));
    const before = await db.incident.findMany({
      orderBy: { sourceIp: "asc" },
      select: { id: true, flowCount: true, updatedAt: true },
    });
    const again = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "nfdump-1.7.1-example.csv") });
    expect(again.status).toBe("DUPLICATE");
    expect(again.duplicateOfId).toBe(first.run.id);
    const processed = await processIngestRun(db, again.id, { now: () => FIXTURE_INGEST_TIME });
    expect(processed.incidents).toEqual([]);
    expect(
      await db.incident.findMany({
        orderBy: { sourceIp: "asc" },
        select: { id: true, flowCount: true, updatedAt: true },
      }),
    ).toEqual(before);
    expect(await db.evidence.count()).toBe(4);
  });

  it("a run interrupted half-way is run again from the top without counting twice", async () => {
    const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "seed-format-example.txt") });
    await db.ingestRun.update({
      where: { id: run.id },
      data: { status: "RUNNING", startedAt: new Date(), lines: 500, flows: 480, bytesProcessed: 30_000 },
    });
    const { run: finished, incidents } = await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.flows).toBe(1092);
    expect(incidents.map((incident) => incident.flows).sort((a, b) => a - b)).toEqual([120, 300]);
    const repeat = await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    expect(repeat.run.status).toBe("SUCCEEDED");
    expect((await db.incident.findMany()).map((incident) => incident.flowCount).sort((a, b) => a - b)).toEqual([
      120, 300,
    ]);
  });
});

describe("repeats and relapses", () => {
  async function shiftedCopy(hours: number): Promise<string> {
    const text = await readFile(fixture("flows", "seed-format-example.txt"), "utf8");
    const shifted = text.replace(
      /^(\d\d):/gm,
      (_match, hour: string) => `${String((Number(hour) + hours) % 24).padStart(2, "0")}:`,
    );
    const file = path.join(work, `seed-shifted-${hours}h.txt`);
    await writeFile(file, shifted);
    return file;
  }

  it("updates the open incident when the scanner shows up in a later file", async () => {
    await ingest(fixture("flows", "seed-format-example.txt"));
    const { incidents } = await ingest(await shiftedCopy(2), "later.txt");
    expect(incidents.map((incident) => incident.action)).toEqual(["updated", "updated"]);
    const incident = await db.incident.findFirstOrThrow({
      where: { sourceIp: "192.0.2.45" },
      include: { timeline: { orderBy: { createdAt: "asc" } } },
    });
    expect(await db.incident.count()).toBe(2);
    expect(incident.flowCount).toBe(600);
    expect(incident.lastSeen.toISOString()).toMatch(/^2027-01-09T04:12/);
    expect(incident.firstSeen.toISOString()).toMatch(/^2027-01-09T02:02/);
    expect(incident.summary).toContain("sending at least 600 flows between 2027-01-09T02:02");
    expect(incident.timeline.map((event) => event.type)).toEqual(["CREATED", "UPDATED_BY_INGEST"]);
    const sample = await db.evidence.findFirstOrThrow({ where: { incidentId: incident.id, kind: "FLOW_SAMPLE" } });
    const text = Buffer.from(sample.content).toString("utf8");
    expect(text.indexOf("02:02:")).toBeLessThan(text.indexOf("04:1"));
    expect(await db.evidence.count({ where: { incidentId: incident.id, kind: "FLOW_LIST" } })).toBe(2);
  });

  it("the queue lists the incidents a run raised or updated, and only those", async () => {
    const first = await ingest(fixture("flows", "seed-format-example.txt"));
    const quiet = await ingest(fixture("flows", "nfdump-1.7.1-example.csv"), "same-flows-again.csv");
    const byRun = async (runId: string) => {
      const { query } = parseIncidentQuery({ run: runId });
      return (await searchIncidents(db, { query, viewerId: "00000000-0000-4000-8000-000000000000" })).rows
        .map((row) => row.sourceIp)
        .sort();
    };
    expect(await byRun(first.run.id)).toEqual(["192.0.2.45", "2001:db8:10:1::99"]);
    expect(quiet.run.incidentsCreated + quiet.run.incidentsUpdated).toBe(0);
    expect(await byRun(quiet.run.id)).toEqual([]);
  });

  it("reopens a resolved incident with a relapse event when the scan comes back", async () => {
    await ingest(fixture("flows", "seed-format-example.txt"));
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    await changeIncidentStatus(db, {
      incidentId: incident.id,
      to: "RESOLVED",
      actor: { label: "analyst@csirt.example" },
      reason: "host rebuilt",
    });

    const { incidents } = await ingest(await shiftedCopy(5), "relapse.txt");
    const relapsed = incidents.find((item) => item.sourceIp === "192.0.2.45")!;
    expect(relapsed.action).toBe("reopened");
    expect(relapsed.incidentId).toBe(incident.id);
    expect(incidents.find((item) => item.sourceIp === "2001:db8:10:1::99")!.action).toBe("updated");

    const reopened = await db.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { timeline: { orderBy: { createdAt: "asc" } } },
    });
    expect(reopened.status).toBe("REOPENED");
    expect(reopened.round).toBe(1);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.flowCount).toBe(300);
    expect(reopened.timeline.map((event) => event.type)).toEqual(["CREATED", "STATUS_CHANGED", "RELAPSE"]);
    expect(await db.incident.count()).toBe(2);
  });
});

describe("files that cannot be used", () => {
  it("fails a run whose file matches no format, with the reason, and raises nothing", async () => {
    const file = path.join(work, "notes.txt");
    await writeFile(file, "Dear team,\nplease find the logs attached.\n");
    const { run } = await ingest(file);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/format/i);
    expect(await db.incident.count()).toBe(0);
  });
});
