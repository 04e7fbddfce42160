/**
 * `npm run worker`: a worker process of its own, for deployments on a PostgreSQL server.
 * Run as many as you like, on as many machines: pg-boss hands each job to one of them.
 */
import { disconnectDb } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/target";
import { parseEnv } from "@/lib/env";
import { getQueue, stopQueue } from "@/lib/jobs/queue";
import { defaultInboxDir } from "@/lib/ingest/drop-folder";
import { startInboxWatcher } from "./inbox-watcher";
import { startMailWatcher } from "./mail-watcher";
import { enqueue } from "@/lib/jobs/queue";
import { pollMailJob } from "@/lib/jobs/definitions/poll-mail";
import { parseImapUrl } from "@/lib/mail/imap-url";
import { runWorker } from "./run-worker";

async function main(): Promise<void> {
  const config = parseEnv();
  if (resolveDatabaseTarget().kind === "pglite") {
    throw new Error(
      "The embedded database belongs to one process: its worker already runs inside `npm start`. Set DATABASE_URL to run separate workers.",
    );
  }
  const boss = await getQueue({ role: "worker" });
  await runWorker(boss);
  if (config.WATCH_INBOX) await startInboxWatcher({ inbox: defaultInboxDir(config) });
  if (config.IMAP_URL)
    startMailWatcher({ settings: parseImapUrl(config.IMAP_URL), onMail: () => enqueue(pollMailJob, {}) });
  console.log(`[worker] ${process.pid} ready`);
  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing current jobs`);
    await stopQueue();
    await disconnectDb();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
