/**
 * `npm run bench:embedded [-- --incidents N --organisations N]`: how far the embedded database
 * goes. Fills an in-memory PGlite with the benchmark's data (the same SQL as `bench:web`) and
 * times the queue's own function (the database part of the page, no HTTP) for the views
 * `bench:web` fetches: one caller, p50 and p95 over 30 calls each. PGlite runs one statement
 * at a time in the web process, so these are also the figures under load, multiplied by the
 * number of requests waiting.
 */
import { numberOption, percentile } from "./web-load";
import { fillIncidents, fillOrganisations, pickBenchData, settle, type SqlRunner } from "./web-seed";

const INCIDENTS = numberOption("--incidents", 100_000);
const ORGANISATIONS = numberOption("--organisations", 10_000);
const CALLS = 30;
const log = (line: string) => console.log(`[bench:embedded] ${line}`);

async function main(): Promise<void> {
  const target = { kind: "pglite", dataDir: "memory://bench-embedded" } as const;
  const { deployMigrations } = await import("@/lib/db/migrate");
  await deployMigrations({ target });
  const { openEmbeddedDatabase } = await import("@/lib/db/pglite");
  const pglite = openEmbeddedDatabase(target.dataDir) as unknown as SqlRunner;
  const { createPrismaClient } = await import("@/lib/db/client");
  const db = createPrismaClient(target);
  const { seedDemoData } = await import("@/prisma/seed");
  await seedDemoData({ db });
  let started = Date.now();
  await fillOrganisations(pglite, { organisations: ORGANISATIONS });
  log(`${ORGANISATIONS.toLocaleString("en-GB")} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  await fillIncidents(pglite, { to: INCIDENTS });
  const { compactIncidentCounts } = await import("@/lib/incidents/incident-counts");
  await compactIncidentCounts(db);
  await settle(pglite);
  log(
    `${INCIDENTS.toLocaleString("en-GB")} incidents in ${((Date.now() - started) / 1000).toFixed(1)} s; RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );

  const data = await pickBenchData(pglite);
  const { parseIncidentQuery } = await import("@/lib/incidents/incident-query");
  const { searchIncidents } = await import("@/lib/incidents/search-incidents");
  const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@csirt.example" } });
  const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: data.organisationSlug } });
  const view = (params: Record<string, string | string[]>) => parseIncidentQuery(params).query;
  let deep = view({ status: "all" });
  for (let step = 0; step < 40; step++) {
    const page = await searchIncidents(db, { query: deep, viewerId: analyst.id });
    deep = { ...deep, after: page.nextCursor ?? undefined };
  }
  const views = {
    "queue, first page": view({}),
    "queue, filtered": { ...view({ status: ["NEW", "REOPENED"] }), organisationId: organisation.id },
    "queue, 41st page (cursor)": deep,
    "queue, IP search": view({ q: data.sourceIp }),
    "queue, CIDR search": view({ q: data.cidr }),
  };
  console.log("| view | p50 ms | p95 ms |\n|---|---:|---:|");
  for (const [name, query] of Object.entries(views)) {
    const times: number[] = [];
    for (let call = 0; call < CALLS + 3; call++) {
      const t0 = performance.now();
      await searchIncidents(db, { query, viewerId: analyst.id });
      if (call >= 3) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
  log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench:embedded] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
