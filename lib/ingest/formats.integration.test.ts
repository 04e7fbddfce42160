import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { createIngestRun } from "./create-ingest-run";
import { processIngestRun } from "./process-ingest-run";

beforeAll(async () => {
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

beforeEach(async () => {
  await db.incident.deleteMany();
  await db.ingestRun.deleteMany();
  await db.ingestStream.deleteMany();
});

describe("ingest of our own files in every format (test/fixtures/generate/flow-fixtures.ts)", () => {
  it.each([
    ["generated-zeek-conn.log", "zeek-conn-tsv"],
    ["generated-zeek-conn.json", "zeek-conn-json"],
    ["generated-argus.binetflow", "argus-binetflow"],
    ["generated-silk-rwcut.txt", "silk-rwcut"],
  ])("%s (%s) raises the one outbound scanner, not the inbound one nor the SSH session", async (file, format) => {
    const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", file) });
    const { run: done } = await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    expect(done).toMatchObject({ status: "SUCCEEDED", format, flows: 129, rejectedLines: 0, incidentsCreated: 1 });
    const incidents = await db.incident.findMany({ include: { organisation: true } });
    expect(
      incidents.map((incident) => [
        incident.sourceIp,
        incident.organisation.name,
        incident.flowCount,
        incident.distinctTargets,
      ]),
    ).toEqual([["192.0.2.45", "Example College", 120, 120]]);
  });
});
