/**
 * The end-to-end rows: one file ingested into a fresh database (incidents committed), on the
 * PostgreSQL server when one answers on loopback and on the embedded PGlite, each in a fresh
 * process so its wall time and peak RSS are its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { organisationsToCsv } from "../../lib/orgs/parse-organisations-csv";
import { createTestDatabase, isPostgresReachable } from "../../test/support/postgres";
import { runMeasurementChild } from "./measured-ingest";
import type { MeasuredDatabaseIngest } from "./measure-ingest-into-database";
import type { SyntheticMembers } from "./synthetic-members";
import { TRAFFIC_START_MS } from "./synthetic-traffic";

const CHILD_SCRIPT = fileURLToPath(new URL("./measure-ingest-into-database.ts", import.meta.url));
/** The generated traffic starts at TRAFFIC_START_MS; ingest "now" is when its files would arrive. */
const INGEST_TIME = TRAFFIC_START_MS + 4 * 3_600_000;

function measureChild(
  env: NodeJS.ProcessEnv,
  flowFile: string,
  organisationsCsv: string,
): Promise<MeasuredDatabaseIngest> {
  const words = [process.execPath, ...process.execArgv, CHILD_SCRIPT, flowFile, organisationsCsv, String(INGEST_TIME)];
  // A server database needs a session secret and a mail decision; the bench sends no mail.
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: "production",
    AUTH_SECRET: "bench-only-secret-".repeat(3),
    DEV_MAILBOX: "1",
  };
  return runMeasurementChild<MeasuredDatabaseIngest>(words, childEnv, "end-to-end ingest");
}

/** Ingests `flowFile` into PostgreSQL (when reachable) and PGlite; returns what each measured. */
export async function measureIntoDatabases(
  flowFile: string,
  members: SyntheticMembers,
  directory: string,
): Promise<MeasuredDatabaseIngest[]> {
  const organisationsCsv = path.join(directory, "members.csv");
  writeFileSync(organisationsCsv, organisationsToCsv(members.organisations));
  const results: MeasuredDatabaseIngest[] = [];
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "" };
  if (await isPostgresReachable()) {
    const database = await createTestDatabase("csirt_bench_ingest");
    try {
      results.push(await measureChild({ ...base, DATABASE_URL: database.url }, flowFile, organisationsCsv));
    } finally {
      await database.drop();
    }
  }
  const pgliteDir = mkdtempSync(path.join(tmpdir(), "bench-pglite-"));
  try {
    results.push(
      await measureChild({ ...base, PGLITE_DATA_DIR: path.join(pgliteDir, "pglite") }, flowFile, organisationsCsv),
    );
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  return results;
}
