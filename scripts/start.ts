/**
 * `npm start`: the whole product — migrations, demo data, the web app, the worker and
 * (without SMTP_URL) the dev mailbox. With the embedded database it is one process: only one
 * may open PGlite's data directory. With a database server the web app runs in WEB_PROCESSES
 * processes (one per core by default) sharing the port, and this process keeps the rest.
 */
import { spawnSync } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { findStaleSources } from "./build-freshness";
import { serveWeb, type WebServer } from "./web-server";

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

function log(line: string) {
  console.log(`[start] ${line}`);
}

function ensureAuthSecret(dataDir: string, configured: string | undefined): void {
  if (configured) return;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    log(`generated AUTH_SECRET in ${file} (set AUTH_SECRET in production)`);
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

const BUILD_LOCK = path.resolve(".next-build.lock");

/** Builds when sources changed; a second start meanwhile waits for the first one's build. */
async function buildIfStale(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      log("another start is building the web app; waiting");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    const stale = findStaleSources(process.cwd());
    if (!stale) return;
    log(`building the web app (${stale}); this takes a minute the first time`);
    const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: process.env,
    });
    if (result.status !== 0) throw new Error("next build failed: see the output above");
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { nodeSupportWarning } = await import("@/lib/runtime/node-support");
  const runtimeWarning = nodeSupportWarning(process.version);
  if (runtimeWarning) log(`warning: ${runtimeWarning}`);
  const { parseEnv } = await import("@/lib/env");
  const config = parseEnv();
  const dataDir = path.resolve(config.DATA_DIR);
  if (!config.DATABASE_URL) ensureAuthSecret(dataDir, config.AUTH_SECRET);
  process.env.AUTH_URL ??= config.APP_URL;
  process.env.AUTH_TRUST_HOST ??= "true";

  await buildIfStale();

  const { describeTarget, resolveDatabaseTarget } = await import("@/lib/db/target");
  const { deployMigrations } = await import("@/lib/db/migrate");
  const { db, disconnectDb } = await import("@/lib/db/client");
  const target = resolveDatabaseTarget();
  log(`database: ${describeTarget(target)}`);
  const applied = await deployMigrations({ target });
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  let stopDumps: (() => Promise<void>) | undefined;
  if (target.kind === "pglite" && !target.dataDir.startsWith("memory://")) {
    const [{ openEmbeddedDatabase }, { serveDatabaseDumps }] = await Promise.all([
      import("@/lib/db/pglite"),
      import("@/lib/backup/embedded-database-dump"),
    ]);
    // `npm run csirt -- backup` asks this process for the database while it runs.
    stopDumps = await serveDatabaseDumps(openEmbeddedDatabase(target.dataDir), target.dataDir).catch((error) => {
      log(`backups while running are off: ${(error as Error).message} (stop the app to back up)`);
      return undefined;
    });
  }

  const { seedDefaults, seedDemoData, DEMO_PASSWORD, DEMO_USERS } = await import("@/prisma/seed");
  const wantsDemo = target.kind === "pglite" || config.SEED_DEMO;
  if (wantsDemo) await seedDemoData({ db, log });
  else await seedDefaults(db);

  let closeMailbox: (() => Promise<void>) | undefined;
  if (!config.SMTP_URL) {
    const { startDevMailbox } = await import("@/lib/notify/dev-mailbox/server");
    const mailbox = await startDevMailbox(db);
    process.env.DEV_MAILBOX_URL = mailbox.url;
    closeMailbox = mailbox.close;
    log(`no SMTP_URL: mail goes to the dev mailbox (${mailbox.url}), readable at ${config.APP_URL}/dev/mailbox`);
    if (config.DATABASE_URL)
      log("DEV_MAILBOX=1: sign-in links and notices stay in the dev mailbox, where analysts can read them");
  }

  const { getQueue, stopQueue } = await import("@/lib/jobs/queue");
  if (config.RUN_WORKER === "embedded") {
    const { runWorker } = await import("@/worker/run-worker");
    await runWorker(await getQueue({ role: "worker" }));
    const { startInboxWatcher } = await import("@/worker/inbox-watcher");
    const { defaultInboxDir } = await import("@/lib/ingest/drop-folder");
    await startInboxWatcher({ inbox: defaultInboxDir() });
    if (config.IMAP_URL) {
      const [{ startMailWatcher }, { parseImapUrl }, { pollMailJob }, { enqueue }] = await Promise.all([
        import("@/worker/mail-watcher"),
        import("@/lib/mail/imap-url"),
        import("@/lib/jobs/definitions/poll-mail"),
        import("@/lib/jobs/queue"),
      ]);
      startMailWatcher({ settings: parseImapUrl(config.IMAP_URL), onMail: () => enqueue(pollMailJob, {}) });
      log("reading replies and bounces from IMAP_URL (IDLE, and a poll every minute)");
    }
    log(`worker running in this process; drop flow files into ${defaultInboxDir()}`);
  }

  const host = config.HOST;
  const processes = config.WEB_PROCESSES ?? (config.DATABASE_URL ? availableParallelism() : 1);
  const web = processes > 1 ? await forkWebProcesses(processes) : await serveWeb({ port: config.PORT, host });

  let stopMetrics: (() => Promise<void>) | undefined;
  if (config.METRICS_PORT) {
    const { startMetricsServer } = await import("@/lib/observability/metrics-server");
    const metrics = await startMetricsServer({
      db,
      port: config.METRICS_PORT,
      host: config.METRICS_HOST,
      clustered: processes > 1,
    });
    stopMetrics = metrics.close;
    log(`Prometheus metrics on ${metrics.url} (loopback only)`);
  }

  log(`ready on ${config.APP_URL}${processes > 1 ? ` (${processes} web processes)` : ""}`);
  if (wantsDemo) {
    log(`demo sign-in (password for all: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) log(`  ${user.role.toLowerCase().padEnd(11)} ${user.email}`);
    log("  institution contacts can also ask for an e-mail link at /signin (it lands in the dev mailbox)");
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await web.close().catch(() => {});
    await stopQueue().catch(() => {});
    await closeMailbox?.().catch(() => {});
    await stopDumps?.().catch(() => {});
    await stopMetrics?.().catch(() => {});
    await disconnectDb().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/**
 * Starts `count` web processes (this script again, in web-only mode) and waits until each one
 * listens. One that dies is replaced, unless processes keep dying right after starting.
 */
async function forkWebProcesses(count: number): Promise<WebServer> {
  let stopping = false;
  const recentDeaths: number[] = [];
  const fork = () => cluster.fork({ START_ROLE: "web" });
  cluster.on("exit", (worker: Worker, code, signal) => {
    // Code 0 is a web process that was told to stop (Ctrl-C reaches every process of the group).
    if (stopping || code === 0) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0]! < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > count * 3) {
      console.error(
        `[start] web processes keep dying (last: pid ${worker.process.pid}, ${signal ?? `code ${code}`}); giving up`,
      );
      process.exit(1);
    }
    log(`web process ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    fork();
  });
  const listening = Array.from({ length: count }, () => {
    const worker = fork();
    return new Promise<void>((resolve, reject) => {
      worker.once("listening", () => resolve());
      worker.once("exit", (code) => reject(new Error(`a web process exited with code ${code} while starting`)));
    });
  });
  await Promise.all(listening);
  return {
    async close() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker));
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                worker.process.kill("SIGKILL");
                resolve();
              }, 10_000);
              worker.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
              worker.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** A web process forked by the primary: the app and nothing else. */
async function webProcess(): Promise<void> {
  const { parseEnv } = await import("@/lib/env");
  const config = parseEnv();
  const web = await serveWeb({ port: config.PORT, host: config.HOST });
  const { disconnectDb } = await import("@/lib/db/client");
  const shutdown = async () => {
    await web.close().catch(() => {});
    await disconnectDb().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}

const entry = cluster.isWorker && process.env.START_ROLE === "web" ? webProcess : main;
entry().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
