/**
 * `npm run bench:web [-- --seconds N] [--clients N]`: the queue, a filtered queue page and an incident page
 * under 20 concurrent clients against a production build, with 100,000 incidents across 1,000
 * organisations in a PostgreSQL database of its own (created here, dropped on exit).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { percentile, runLoad, type LoadResult, type Target } from "./web-load";
import { createBenchDatabase, fillBenchData } from "./web-seed";

const PORT = 4500;
const BASE = new URL(`http://localhost:${PORT}`);
const BUDGET_P95_MS = 150;

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}
const SECONDS = numberOption("--seconds", 15);
/** The target is 20; fewer shows how many concurrent clients this machine keeps within the budget. */
const CLIENTS = numberOption("--clients", 20);

const log = (line: string) => console.log(`[bench:web] ${line}`);
const cleanups: Array<() => Promise<void>> = [];

async function cleanup(): Promise<void> {
  while (cleanups.length)
    await cleanups.pop()!().catch((error: unknown) => console.error(`[bench:web] cleanup: ${String(error)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

async function prepareDatabase(): Promise<{ url: string; references: number[]; organisationSlug: string }> {
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
  const data = await fillBenchData(database.url);
  // What the worker's folding job would have done by now: one count row per organisation, type and status.
  const { compactIncidentCounts } = await import("@/lib/incidents/incident-counts");
  const folding = createPrismaClient(target);
  try {
    await compactIncidentCounts(folding);
    // A settled database, as a running one is: otherwise autovacuum works through the fresh
    // rows during the measurement.
    await folding.$executeRawUnsafe("VACUUM ANALYZE");
  } finally {
    await folding.$disconnect();
  }
  log(`database ready: 1,000 organisations, 100,000 incidents (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { url: database.url, ...data };
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

function printTable(results: LoadResult[], pages: Set<string>): boolean {
  const header = [
    "target",
    "requests",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "non-200",
    `p95 < ${BUDGET_P95_MS} ms`,
  ];
  let allPass = true;
  const rows = results.map((result) => {
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    const ok = p95 < BUDGET_P95_MS && result.errors === 0 && result.non200 === 0;
    if (pages.has(result.name) && !ok) allPass = false;
    return [
      result.name,
      String(sorted.length),
      (sorted.length / result.seconds).toFixed(1),
      percentile(sorted, 50).toFixed(1),
      p95.toFixed(1),
      percentile(sorted, 99).toFixed(1),
      String(result.errors),
      String(result.non200),
      pages.has(result.name) ? (ok ? "PASS" : "FAIL") : "(baseline)",
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  return allPass;
}

async function main(): Promise<number> {
  const { url, references, organisationSlug } = await prepareDatabase();
  await startServer(url);
  const cookie = await signIn("analyst@csirt.example", "demo-password-2026");
  log(`signed in as analyst@csirt.example; ${CLIENTS} clients, ${SECONDS} s per target after a warm-up`);

  const targets: Target[] = [
    { name: "GET /api/health", path: () => "/api/health", check: (body) => body.includes('"ok"') },
    { name: "queue, first page", path: () => "/incidents", check: isQueue },
    {
      name: "queue, filtered",
      path: () => `/incidents?status=NEW&status=REOPENED&org=${organisationSlug}&sort=lastSeen`,
      check: (body) => isQueue(body) && /match(es)? the filters/.test(body),
    },
    {
      name: "incident page",
      path: rotate(references.map((reference) => `/incidents/${reference}`)),
      check: (body) => /Incident #<!-- -->\d+|Incident #\d+/.test(body) && body.includes('data-testid="summary"'),
    },
  ];
  const results: LoadResult[] = [];
  for (const target of targets) {
    const warm = await runLoad({ base: BASE, cookie, target, clients: CLIENTS, seconds: Math.min(3, SECONDS) });
    if (warm.errors || warm.non200)
      log(`warning: warm-up of "${target.name}" had ${warm.errors} errors and ${warm.non200} non-200 answers`);
    results.push(await runLoad({ base: BASE, cookie, target, clients: CLIENTS, seconds: SECONDS }));
    log(`done: ${target.name}`);
  }
  console.log("");
  const pass = printTable(results, new Set(targets.slice(1).map((target) => target.name)));
  console.log("");
  log(
    pass
      ? "PASS: every page answers under the p95 budget"
      : "FAIL: at least one page misses the p95 budget (or had errors)",
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
