/**
 * `npm run bench:web [-- --seconds N] [--clients N] [--small N] [--large N]`: the analyst pages
 * as people feel them, at a decade of data (ADR 0004). One run, one PostgreSQL database of its
 * own (created here, dropped on exit), one production build:
 *
 * 1. 10,000 organisations, then 100,000 incidents; each page's p95 with one client, then its
 *    requests/s under 20 clients beside an empty authenticated page ("/account") of the same
 *    build (the floor);
 * 2. the data grown in place to 1,000,000 incidents, and the same figures again;
 * 3. a table of both, with the growth ratio. Exits non-zero when a target is missed: p95 of
 *    50 ms or more at 1 M with one client, growth over 1.5x, or a page under half the floor's
 *    requests/s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { numberOption, percentile, runLoad, type LoadResult, type Target } from "./web-load";
import {
  type BenchData,
  createBenchDatabase,
  fillIncidents,
  fillOrganisations,
  MAX_INCIDENTS,
  pickBenchData,
  settle,
} from "./web-seed";

const TARGET_P95_MS = 50;
const MAX_GROWTH = 1.5;
const MIN_FLOOR_RATIO = 0.5;
/** No page renders every organisation or every incident: each stays under this much HTML. */
const MAX_PAGE_BYTES = 300 * 1024;

const SECONDS = numberOption("--seconds", 10);
const PORT = numberOption("--port", 4500);
const BASE = new URL(`http://localhost:${PORT}`);
const CLIENTS = numberOption("--clients", 20);
const ORGANISATIONS = numberOption("--organisations", 10_000);
const SMALL = numberOption("--small", 100_000);
const LARGE = numberOption("--large", MAX_INCIDENTS);

const log = (line: string) => console.log(`[bench:web] ${line}`);
const cleanups: Array<() => Promise<void>> = [];
const count = (value: number) => value.toLocaleString("en-GB");
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function cleanup(): Promise<void> {
  while (cleanups.length)
    await cleanups.pop()!().catch((error: unknown) => console.error(`[bench:web] cleanup: ${String(error)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** What the worker's folding job would have done by now (one count row per organisation, type and status), then a settled database. */
async function foldAndSettle(url: string): Promise<void> {
  const { createPrismaClient } = await import("@/lib/db/client");
  const { compactIncidentCounts } = await import("@/lib/incidents/incident-counts");
  const folding = createPrismaClient({ kind: "postgres", url });
  try {
    await compactIncidentCounts(folding);
  } finally {
    await folding.$disconnect();
  }
  await settle(url);
}

async function prepareDatabase(): Promise<string> {
  const database = await createBenchDatabase();
  cleanups.push(async () => {
    await database.drop();
    log("dropped the benchmark database");
  });
  process.env.DATABASE_URL = database.url;
  const target = { kind: "postgres", url: database.url } as const;
  const { deployMigrations } = await import("@/lib/db/migrate");
  await deployMigrations({ target });
  const { createPrismaClient } = await import("@/lib/db/client");
  const { seedDemoData } = await import("@/prisma/seed");
  const db = createPrismaClient(target);
  try {
    await seedDemoData({ db });
  } finally {
    await db.$disconnect();
  }
  const started = Date.now();
  await fillOrganisations(database.url, { organisations: ORGANISATIONS });
  log(
    `seeded ${count(ORGANISATIONS)} organisations, ${count(ORGANISATIONS * 20)} blocks, ${count(ORGANISATIONS * 3)} contacts in ${seconds(started)}`,
  );
  return database.url;
}

async function growTo(url: string, from: number, to: number): Promise<void> {
  const started = Date.now();
  await fillIncidents(url, { from, to });
  const filled = seconds(started);
  const settling = Date.now();
  await foldAndSettle(url);
  log(
    `seeded incidents ${count(from)}–${count(to)} with timelines, flow samples and notices in ${filled} (${Math.round(((to - from + 1) / (Date.now() - started)) * 1000).toLocaleString("en-GB")} incidents/s); folding counts and VACUUM ANALYZE ${seconds(settling)}`,
  );
}

async function startServer(databaseUrl: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(30).toString("base64url"),
    APP_URL: BASE.origin,
    PORT: String(PORT),
    RUN_WORKER: "off",
    SMTP_URL: "smtp://127.0.0.1:9",
    NODE_ENV: "production",
  };
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    }
    log("stopped the server");
  });
  // The first start builds the app (a few minutes); later ones are ready in seconds.
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(new URL("/api/health", BASE))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not answer /api/health in time");
}

/** Auth.js credentials sign-in; returns the Cookie header carrying the session. */
async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(new URL("/api/auth/csrf", BASE));
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(new URL("/api/auth/callback/credentials", BASE), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${BASE.origin}/` }),
  });
  keep(answer);
  if (![...jar.keys()].some((name) => name.includes("session-token")))
    throw new Error(`sign-in failed (HTTP ${answer.status}, ${answer.headers.get("location")})`);
  return cookie();
}

function rotate(paths: string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length]!;
}

const isQueue = (body: string) => body.includes(">Incidents</h1>") && body.includes('data-testid="result-count"');
const FLOOR = "empty authenticated page";

/** The pages, with what each answer must contain to count as the real page (not the sign-in page). */
async function pageTargets(data: BenchData, cookie: string): Promise<Target[]> {
  // A page deep in the results: follow "Next page" 40 times (2,000 incidents in), then keep that cursor.
  let deep = "/incidents?status=all";
  for (let step = 0; step < 40; step++) {
    const body = await (await fetch(new URL(deep, BASE), { headers: { cookie } })).text();
    const next = /href="([^"]*after=[^"]*)"[^>]*rel="next"|rel="next"[^>]*href="([^"]*after=[^"]*)"/.exec(body);
    const href = next?.[1] ?? next?.[2];
    if (!href) throw new Error(`no next page after ${step} pages of the queue`);
    deep = href.replaceAll("&amp;", "&");
  }
  return [
    { name: FLOOR, path: () => "/account", check: (body) => body.includes('data-testid="account-name"') },
    { name: "queue, first page", path: () => "/incidents", check: isQueue },
    {
      name: "queue, filtered",
      path: () => `/incidents?status=NEW&status=REOPENED&org=${data.organisationSlug}&sort=lastSeen`,
      check: (body) => isQueue(body) && /match(es)? the filters/.test(body),
    },
    {
      name: "queue, 41st page (cursor)",
      path: () => deep,
      check: (body) => isQueue(body) && body.includes('rel="prev"'),
    },
    {
      name: "queue, IP search",
      path: () => `/incidents?q=${encodeURIComponent(data.sourceIp)}`,
      check: (body) => isQueue(body) && body.includes(data.sourceIp),
    },
    {
      name: "queue, CIDR search",
      path: () => `/incidents?q=${encodeURIComponent(data.cidr)}`,
      check: (body) => isQueue(body) && /match(es)? the filters/.test(body),
    },
    {
      name: "incident page",
      path: rotate(data.references.map((reference) => `/incidents/${reference}`)),
      check: (body) => /Incident #<!-- -->\d+|Incident #\d+/.test(body) && body.includes('data-testid="summary"'),
    },
    {
      name: "dashboard",
      path: () => "/",
      check: (body) => body.includes(">Dashboard</h1>") && body.includes("Open incidents"),
    },
    {
      name: "organisation page",
      path: () => `/organisations/${data.organisationSlug}`,
      check: (body) => body.includes("Bench Member"),
    },
    { name: "organisations list", path: () => "/organisations", check: (body) => body.includes("Bench Member") },
  ];
}

interface StageFigures {
  bytes: Map<string, number>;
  p95: Map<string, number>;
  rate: Map<string, number>;
  problems: Map<string, string>;
}

async function measureStage(label: string, data: BenchData, cookie: string): Promise<StageFigures> {
  const targets = await pageTargets(data, cookie);
  const figures: StageFigures = { bytes: new Map(), p95: new Map(), rate: new Map(), problems: new Map() };
  const note = (result: LoadResult) => {
    if (result.errors || result.non200)
      figures.problems.set(result.name, `${result.errors} wrong answers, ${result.non200} non-200 (${label})`);
  };
  for (const target of targets) {
    const page = await fetch(new URL(target.path(), BASE), { headers: { cookie } });
    figures.bytes.set(target.name, (await page.arrayBuffer()).byteLength);
    await runLoad({ base: BASE, cookie, target, clients: 1, seconds: 2 });
    const one = await runLoad({ base: BASE, cookie, target, clients: 1, seconds: SECONDS });
    note(one);
    figures.p95.set(
      target.name,
      percentile(
        [...one.latenciesMs].sort((a, b) => a - b),
        95,
      ),
    );
    log(`${label}, 1 client: ${target.name}: p95 ${figures.p95.get(target.name)!.toFixed(1)} ms`);
  }
  for (const target of targets) {
    await runLoad({ base: BASE, cookie, target, clients: CLIENTS, seconds: 2 });
    const many = await runLoad({ base: BASE, cookie, target, clients: CLIENTS, seconds: SECONDS });
    note(many);
    figures.rate.set(target.name, many.latenciesMs.length / many.seconds);
    log(`${label}, ${CLIENTS} clients: ${target.name}: ${figures.rate.get(target.name)!.toFixed(1)} req/s`);
  }
  return figures;
}

function printTable(small: StageFigures, large: StageFigures): boolean {
  const smallLabel = `${count(SMALL)}`;
  const largeLabel = `${count(LARGE)}`;
  const header = [
    "page",
    `p95 ms @${smallLabel}`,
    `p95 ms @${largeLabel}`,
    "growth",
    `req/s @${smallLabel}`,
    `req/s @${largeLabel}`,
    "of floor",
    "HTML KB",
    "verdict",
  ];
  const floorRate = large.rate.get(FLOOR) ?? Number.NaN;
  let allPass = true;
  const rows = [...large.p95.keys()].map((name) => {
    const p95Small = small.p95.get(name) ?? Number.NaN;
    const p95Large = large.p95.get(name) ?? Number.NaN;
    const growth = p95Large / p95Small;
    const rate = large.rate.get(name) ?? Number.NaN;
    const ratio = rate / floorRate;
    const misses: string[] = [];
    if (!(p95Large < TARGET_P95_MS)) misses.push(`p95 >= ${TARGET_P95_MS}`);
    if (!(growth <= MAX_GROWTH)) misses.push(`growth > ${MAX_GROWTH}x`);
    if (name !== FLOOR && !(ratio >= MIN_FLOOR_RATIO)) misses.push(`< ${MIN_FLOOR_RATIO} of floor`);
    const bytes = Math.max(small.bytes.get(name) ?? 0, large.bytes.get(name) ?? 0);
    if (bytes > MAX_PAGE_BYTES) misses.push(`HTML > ${MAX_PAGE_BYTES / 1024} KB`);
    const problem = large.problems.get(name) ?? small.problems.get(name);
    if (problem) misses.push(problem);
    if (misses.length) allPass = false;
    return [
      name,
      p95Small.toFixed(1),
      p95Large.toFixed(1),
      `${growth.toFixed(2)}x`,
      (small.rate.get(name) ?? Number.NaN).toFixed(1),
      rate.toFixed(1),
      name === FLOOR ? "1.00 (floor)" : ratio.toFixed(2),
      (bytes / 1024).toFixed(0),
      misses.length ? `FAIL: ${misses.join("; ")}` : "PASS",
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 || column === widths.length - 1 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  return allPass;
}

async function main(): Promise<number> {
  if (LARGE <= SMALL) throw new Error("--large must be more than --small");
  const url = await prepareDatabase();
  await growTo(url, 1, SMALL);
  await startServer(url);
  const cookie = await signIn("analyst@csirt.example", "demo-password-2026");
  log(`signed in as analyst@csirt.example; ${SECONDS} s per page and client count after a 2 s warm-up`);
  const small = await measureStage(`${count(SMALL)} incidents`, await pickBenchData(url), cookie);
  await growTo(url, SMALL + 1, LARGE);
  const large = await measureStage(`${count(LARGE)} incidents`, await pickBenchData(url), cookie);
  console.log("");
  console.log(
    `Targets: p95 < ${TARGET_P95_MS} ms with one client at ${count(LARGE)} incidents; p95 growth ${count(SMALL)} → ${count(LARGE)} at most ${MAX_GROWTH}x; with ${CLIENTS} clients at least ${MIN_FLOOR_RATIO} of the floor's requests/s (an empty authenticated page, same build, same run); at most ${MAX_PAGE_BYTES / 1024} KB of HTML per page with ${count(ORGANISATIONS)} organisations.`,
  );
  const pass = printTable(small, large);
  console.log("");
  log(
    pass ? "PASS: every page meets every target" : "FAIL: at least one page misses a target (see the verdict column)",
  );
  return pass ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench:web] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(2);
  });
