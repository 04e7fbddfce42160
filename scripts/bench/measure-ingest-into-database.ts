/**
 * One end-to-end measurement in a fresh process, on the database named by the environment
 * (DATABASE_URL, or PGLITE_DATA_DIR for the embedded one): migrate, load the members, then
 * time createIngestRun + processIngestRun — read, parse, detect, and incidents committed.
 * Prints one JSON line (prefixed MEASURED) on stdout.
 *
 *   tsx scripts/bench/measure-ingest-into-database.ts <flow file> <organisations.csv> <ingest time ms>
 */
import { readFile } from "node:fs/promises";
import { db, disconnectDb } from "../../lib/db/client";
import { deployMigrations } from "../../lib/db/migrate";
import { resolveDatabaseTarget } from "../../lib/db/target";
import { createIngestRun } from "../../lib/ingest/create-ingest-run";
import { processIngestRun } from "../../lib/ingest/process-ingest-run";
import { importOrganisations } from "../../lib/orgs/import-organisations";
import { parseOrganisationsCsv } from "../../lib/orgs/parse-organisations-csv";
import { seedDefaults } from "../../prisma/seed";
import { MEASUREMENT_PREFIX } from "./measured-ingest";

export interface MeasuredDatabaseIngest {
  database: "postgresql" | "pglite";
  lines: number;
  flows: number;
  incidents: number;
  setupSeconds: number;
  seconds: number;
  maxRssBytes: number;
}

async function measure(
  flowFile: string,
  organisationsCsv: string,
  ingestTime: number,
): Promise<MeasuredDatabaseIngest> {
  const target = resolveDatabaseTarget();
  const setupStarted = performance.now();
  await deployMigrations({ target });
  await seedDefaults(db);
  const parsed = parseOrganisationsCsv(await readFile(organisationsCsv, "utf8"));
  if (parsed.errors.length > 0)
    throw new Error(`organisations CSV line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}`);
  await importOrganisations(db, parsed.organisations, { actor: { label: "bench" } });
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const started = performance.now();
  const run = await createIngestRun(db, { source: "CLI", filePath: flowFile, stream: "bench" });
  const outcome = await processIngestRun(db, run.id, { now: () => ingestTime });
  const seconds = (performance.now() - started) / 1000;
  if (outcome.run.status !== "SUCCEEDED") throw new Error(`run ${outcome.run.status}: ${outcome.run.error ?? ""}`);
  const incidents = await db.incident.count();
  return {
    database: target.kind === "pglite" ? "pglite" : "postgresql",
    lines: outcome.run.lines,
    flows: outcome.run.flows,
    incidents,
    setupSeconds,
    seconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

const [flowFile, organisationsCsv, ingestTime] = process.argv.slice(2);
if (flowFile === undefined || organisationsCsv === undefined || ingestTime === undefined) {
  console.error(
    "usage: tsx scripts/bench/measure-ingest-into-database.ts <flow file> <organisations.csv> <ingest time ms>",
  );
  process.exit(2);
}
const measured = await measure(flowFile, organisationsCsv, Number(ingestTime));
await disconnectDb();
process.stdout.write(`${MEASUREMENT_PREFIX}${JSON.stringify(measured)}\n`);
process.exit(0);
