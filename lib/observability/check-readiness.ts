import type { Db } from "@/lib/db/client";
import { mailTransport, mailTransportUrl } from "@/lib/notify/transport";

export interface ReadinessCheck {
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; queue: ReadinessCheck; mail: ReadinessCheck };
}

const MAIL_CHECK_TTL_MS = 30_000;
const CHECK_TIMEOUT_MS = 3_000;
let lastMailCheck: { at: number; result: ReadinessCheck } | undefined;

async function timed(check: () => Promise<unknown>): Promise<ReadinessCheck> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 3 s")), CHECK_TIMEOUT_MS).unref()),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: (error as Error).message };
  }
}

/**
 * Readiness, unlike liveness: can this process do its work now? The database answers, the job
 * queue's tables are there (a worker has started), and the mail relay greets us (checked at
 * most every 30 s, as each check opens an SMTP connection).
 */
export async function checkReadiness(
  db: Db,
  { mailUrl, now = Date.now() }: { mailUrl?: string; now?: number } = {},
): Promise<Readiness> {
  const [database, queue] = await Promise.all([
    timed(() => db.$queryRawUnsafe("SELECT 1")),
    timed(() => db.$queryRawUnsafe("SELECT 1 FROM pgboss.version")),
  ]);
  if (!lastMailCheck || now - lastMailCheck.at > MAIL_CHECK_TTL_MS || !lastMailCheck.result.ok || mailUrl)
    lastMailCheck = { at: now, result: await timed(() => mailTransport(mailUrl ?? mailTransportUrl()).verify()) };
  const checks = {
    database,
    queue: queue.ok ? queue : { ...queue, detail: "the job queue is not set up: has a worker started?" },
    mail: lastMailCheck.result,
  };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
