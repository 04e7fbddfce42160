/**
 * `npm start`: the whole product in one process — migrations, demo data, the web app, the
 * worker and (without SMTP_URL) the dev mailbox. With the embedded database they must share a
 * process: only one may open PGlite's data directory.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { findStaleSources } from "./build-freshness";

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

function log(line: string) {
  console.log(`[start] ${line}`);
}

function ensureAuthSecret(dataDir: string): void {
  if (process.env.AUTH_SECRET) return;
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
    const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: "inherit", env: process.env });
    if (result.status !== 0) throw new Error("next build failed: see the output above");
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { parseEnv } = await import("@/lib/env");
  const config = parseEnv();
  const dataDir = path.resolve(config.DATA_DIR);
  if (!config.DATABASE_URL) ensureAuthSecret(dataDir);
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

  const { seedDefaults, seedDemoData, DEMO_PASSWORD, DEMO_USERS } = await import("@/prisma/seed");
  const wantsDemo = target.kind === "pglite" || process.env.SEED_DEMO === "1";
  if (wantsDemo) await seedDemoData({ db, log });
  else await seedDefaults(db);

  let closeMailbox: (() => Promise<void>) | undefined;
  if (!config.SMTP_URL) {
    const { startDevMailbox } = await import("@/lib/notify/dev-mailbox/server");
    const mailbox = await startDevMailbox(db);
    process.env.DEV_MAILBOX_URL = mailbox.url;
    closeMailbox = mailbox.close;
    log(`no SMTP_URL: mail goes to the dev mailbox (${mailbox.url}), readable at ${config.APP_URL}/dev/mailbox`);
  }

  const { getQueue, stopQueue } = await import("@/lib/jobs/queue");
  if (config.RUN_WORKER === "embedded") {
    const { runWorker } = await import("@/worker/run-worker");
    await runWorker(await getQueue({ role: "worker" }));
    const { startInboxWatcher } = await import("@/worker/inbox-watcher");
    const { defaultInboxDir } = await import("@/lib/ingest/drop-folder");
    await startInboxWatcher({ inbox: defaultInboxDir() });
    log(`worker running in this process; drop flow files into ${defaultInboxDir()}`);
  }

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustProxy = process.env.TRUST_PROXY === "1";
  const server = createServer((request, response) => {
    // The client address for audit and rate limits: from the socket unless a trusted proxy sets it.
    if (!trustProxy || !request.headers["x-forwarded-for"]) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, process.env.HOST ?? "localhost", () => resolve());
  });

  log(`ready on ${config.APP_URL}`);
  if (wantsDemo) {
    log("demo sign-in (password for all: " + DEMO_PASSWORD + "):");
    for (const user of DEMO_USERS) log(`  ${user.role.toLowerCase().padEnd(11)} ${user.email}`);
    log("  institution contacts can also ask for an e-mail link at /signin (it lands in the dev mailbox)");
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    server.close();
    await stopQueue().catch(() => {});
    await closeMailbox?.().catch(() => {});
    await app.close().catch(() => {});
    await disconnectDb().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

