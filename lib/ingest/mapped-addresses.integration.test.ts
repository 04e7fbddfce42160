import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseIncidentQuery } from "@/lib/incidents/incident-query";
import { searchIncidents } from "@/lib/incidents/search-incidents";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { createIngestRun } from "./create-ingest-run";
import { processIngestRun } from "./process-ingest-run";

let work: string;
let viewerId: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-mapped-"));
  await seedDefaults(db);
  await db.organisation.create({
    data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
  });
  viewerId = (await db.user.create({ data: { email: "viewer@csirt.example", name: "Viewer", role: "ANALYST" } })).id;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The seed sample as a dual-stack collector writes it: every other flow of the scanner as ::ffff:192.0.2.45. */
async function halfMappedCopy(): Promise<string> {
  const text = await readFile(fixture("flows", "seed-format-example.txt"), "utf8");
  let n = 0;
  const mapped = text.replace(/ 192\.0\.2\.45:(\d+) ->/g, (whole, port: string) =>
    n++ % 2 === 0 ? ` [::ffff:192.0.2.45]:${port} ->` : whole,
  );
  expect(n).toBeGreaterThan(100);
  const file = path.join(work, "half-mapped.txt");
  await writeFile(file, mapped);
  return file;
}

describe("an IPv4-mapped source address in a flow file", () => {
  it("lands on the IPv4 host's one incident, and a search by the IPv4 address or its block finds it", async () => {
    const run = await createIngestRun(db, { source: "CLI", filePath: await halfMappedCopy() });
    const result = await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    expect(result.run.rejectedLines).toBe(0);

    const incidents = await db.incident.findMany({ where: { organisation: { slug: "example-college" } } });
    expect(incidents.map((incident) => incident.sourceIp)).toEqual(["192.0.2.45"]);
    expect(incidents[0]!.flowCount).toBe(300);

    for (const search of ["192.0.2.45", "192.0.2.0/24", "::ffff:192.0.2.45"]) {
      const { query } = parseIncidentQuery({ q: search });
      const found = await searchIncidents(db, { query, viewerId });
      expect(
        found.rows.map((row) => row.id),
        search,
      ).toEqual([incidents[0]!.id]);
    }
  });
});
