/**
 * `npm run bench:import [-- --organisations N --blocks-each N --contacts-each N]`: the organisations
 * import at the scale of a national network (default 10,000 organisations, 200,000 blocks, 30,000
 * contacts) into a fresh PostgreSQL database of its own (dropped on exit) and an in-memory PGlite.
 * Prints, per engine: reading and checking the file, the first import and a second one of the same
 * file (which must add nothing).
 */
import { performance } from "node:perf_hooks";
import type { DatabaseTarget } from "../../lib/db/target";
import { generatedOrganisationsCsv } from "./organisations-file";
import { createBenchDatabase } from "./web-seed";

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const SIZE = {
  organisations: numberOption("--organisations", 10_000),
  blocksEach: numberOption("--blocks-each", 20),
  contactsEach: numberOption("--contacts-each", 3),
};
const log = (line: string) => console.log(`[bench:import] ${line}`);
const seconds = (since: number) => (performance.now() - since) / 1000;

async function timed<T>(what: string, work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  const took = seconds(started);
  log(`  ${what.padEnd(28)} ${took.toFixed(2)} s`);
  return { value, seconds: took };
}

async function measure(engine: string, target: DatabaseTarget, text: string): Promise<number> {
  log(`${engine}:`);
  const { deployMigrations } = await import("@/lib/db/migrate");
  await deployMigrations({ target });
  const { createPrismaClient } = await import("@/lib/db/client");
  const { parseOrganisationsCsv } = await import("@/lib/orgs/parse-organisations-csv");
  const { importOrganisations } = await import("@/lib/orgs/import-organisations");
  const db = createPrismaClient(target);
  try {
    const parsed = (await timed("read and check the file", () => parseOrganisationsCsv(text))).value;
    if (parsed.errors.length) throw new Error(`the generated file has errors: ${JSON.stringify(parsed.errors[0])}`);
    const actor = { label: "bench" };
    const first = await timed("import (empty database)", () =>
      importOrganisations(db, parsed.organisations, { actor }),
    );
    const again = await timed("import again (no change)", () =>
      importOrganisations(db, parsed.organisations, { actor }),
    );
    log(`  ${JSON.stringify(first.value)}`);
    if (again.value.blocksAdded !== 0 || again.value.organisationsCreated !== 0 || again.value.contactsAdded !== 0) {
      log(`  FAIL: the second import added rows: ${JSON.stringify(again.value)}`);
      return 1;
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const text = generatedOrganisationsCsv(SIZE);
  log(
    `file: ${SIZE.organisations.toLocaleString("en-GB")} organisations, ` +
      `${(SIZE.organisations * SIZE.blocksEach).toLocaleString("en-GB")} blocks, ` +
      `${(SIZE.organisations * SIZE.contactsEach).toLocaleString("en-GB")} contacts, ` +
      `${(text.length / 1024 / 1024).toFixed(1)} MB (written in ${seconds(started).toFixed(2)} s)`,
  );
  const database = await createBenchDatabase();
  let failed = 0;
  try {
    failed += await measure("PostgreSQL", { kind: "postgres", url: database.url }, text);
  } finally {
    await database.drop();
  }
  failed += await measure("PGlite (in memory)", { kind: "pglite", dataDir: "memory://bench-import" }, text);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
