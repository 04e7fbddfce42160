/**
 * `npm run bench:export [-- --incidents N]`: the queue's CSV export of 1,000,000 incidents
 * (default) from a PostgreSQL database of its own (seeded with set-based SQL, dropped on exit),
 * read through the same stream the download routes answer with. Prints the seeding time, rows/s,
 * MB/s, the peak resident memory, and the live heap (after a full garbage collection) a tenth and
 * nine tenths of the way in. Exits non-zero when the live heap grows by more than 16 MB between
 * those two points (memory that follows the row count, not the batch) or when a row is missing.
 */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import pg from "pg";
import { createBenchDatabase } from "./web-seed";

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const INCIDENTS = numberOption("--incidents", 1_000_000);
const MAX_GROWTH_MB = 16;

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** The heap still reachable: what a growing buffer or list would show, unlike RSS, which V8 lets grow lazily. */
function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
const log = (line: string) => console.log(`[bench:export] ${line}`);
const mb = (bytes: number) => bytes / 1024 / 1024;

/** 1,000 organisations and `count` incidents over them, each statement set-based (generate_series). */
async function seedIncidents(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`
      INSERT INTO "Organisation" (id, name, slug, "updatedAt")
      SELECT gen_random_uuid(), format('Export Member %s', i), format('export-member-%s', i), now()
      FROM generate_series(1, 1000) i`);
    await client.query(
      `
      WITH o AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM "Organisation")
      INSERT INTO "Incident" (id, type, status, severity, "organisationId", "sourceIp", port, "firstSeen", "lastSeen",
                              "flowCount", "distinctTargets", summary, "updatedAt")
      SELECT gen_random_uuid(), 'SSH_SCAN', (ARRAY['NEW','NOTIFIED','ACKNOWLEDGED','RESOLVED','CLOSED'])[1 + g % 5]::"IncidentStatus",
             'MEDIUM', o.id, '10.0.0.0'::inet + g, 22, now() - g * interval '1 minute' - interval '1 hour',
             now() - g * interval '1 minute', 50 + g % 1000, 20 + g % 300,
             format('%s scanned %s hosts on port 22/tcp.', host('10.0.0.0'::inet + g), 20 + g % 300), now()
      FROM generate_series(1, $1::int) g JOIN o ON o.n = g % 1000`,
      [count],
    );
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const database = await createBenchDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    const target = { kind: "postgres", url: database.url } as const;
    const { deployMigrations } = await import("@/lib/db/migrate");
    await deployMigrations({ target });
    const seeding = performance.now();
    await seedIncidents(database.url, INCIDENTS);
    log(
      `seeded ${INCIDENTS.toLocaleString("en-GB")} incidents in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const { createPrismaClient } = await import("@/lib/db/client");
    const { parseIncidentQuery } = await import("@/lib/incidents/incident-query");
    const { incidentsCsvStream } = await import("@/lib/incidents/incidents-csv");
    const db = createPrismaClient(target);
    try {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const { query } = parseIncidentQuery({ status: "all" });
      const reader = incidentsCsvStream(db, {
        query,
        viewerId: "00000000-0000-0000-0000-000000000000",
        audience: "staff",
      }).getReader();
      const started = performance.now();
      let bytes = 0;
      let lines = 0;
      let tenth: number | null = null;
      let nineTenths: number | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (const byte of value) if (byte === 10) lines++;
        if (tenth === null && lines > INCIDENTS / 10) tenth = liveHeap();
        if (nineTenths === null && lines > (INCIDENTS * 9) / 10) nineTenths = liveHeap();
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const rows = lines - 1;
      const growth = mb((nineTenths ?? 0) - (tenth ?? 0));
      log(`rows exported:   ${rows.toLocaleString("en-GB")} (${mb(bytes).toFixed(1)} MB of CSV)`);
      log(`time:            ${seconds.toFixed(1)} s`);
      log(
        `throughput:      ${Math.round(rows / seconds).toLocaleString("en-GB")} rows/s, ${(mb(bytes) / seconds).toFixed(1)} MB/s`,
      );
      log(`RSS before:      ${mb(before).toFixed(0)} MB, peak ${mb(peak).toFixed(0)} MB`);
      log(
        `live heap:       ${mb(tenth ?? 0).toFixed(1)} MB at 10 %, ${mb(nineTenths ?? 0).toFixed(1)} MB at 90 % ` +
          `(growth ${growth.toFixed(1)} MB, budget ${MAX_GROWTH_MB} MB)`,
      );
      if (rows !== INCIDENTS) {
        log(`FAIL: ${INCIDENTS - rows} incidents missing from the export`);
        return 1;
      }
      if (growth > MAX_GROWTH_MB) {
        log("FAIL: memory grows with the number of rows");
        return 1;
      }
      log("pass: constant memory");
      return 0;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
