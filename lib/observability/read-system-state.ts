import type { Db } from "@/lib/db/client";

export interface SystemState {
  streams: Array<{ name: string; lagSeconds: number | null; lastRunFinishedAgoSeconds: number | null }>;
  runsLastHour: Array<{ status: string; count: number }>;
  flowsPerSecondLast5Min: number;
  jobs: Array<{ queue: string; state: string; count: number; oldestAgeSeconds: number }>;
  outbox: Array<{ state: string; count: number; oldestAgeSeconds: number }>;
  inboundMail: Array<{ state: string; count: number }>;
  sentLast7Days: number;
  bouncedLast7Days: number;
  webhooks: Array<{ state: string; count: number; oldestAgeSeconds: number }>;
  /** The latest retention run: seconds since it started, its status; null before the first. */
  retention: { startedAgoSeconds: number; status: string } | null;
}

const RECENT_RUNS = `
  SELECT status::text AS status, count(*)::int AS count FROM "IngestRun"
  WHERE "createdAt" > now() - interval '1 hour' GROUP BY status`;

/**
 * What an operator watches, read from the database at scrape time, so that every process's work
 * (web, each worker) is counted once whichever process answers the scrape.
 */
export async function readSystemState(db: Db): Promise<SystemState> {
  const [streams, runsLastHour, flows, jobs, outbox, inboundMail, delivery, webhooks, retention] = await Promise.all([
    db.$queryRawUnsafe<Array<{ name: string; lag: number | null; finished: number | null }>>(`
      SELECT s.name,
             extract(epoch FROM now() - s.clock)::float8 AS lag,
             extract(epoch FROM now() - (SELECT max(r."finishedAt") FROM "IngestRun" r WHERE r."streamId" = s.id))::float8 AS finished
      FROM "IngestStream" s ORDER BY s.name`),
    db.$queryRawUnsafe<Array<{ status: string; count: number }>>(RECENT_RUNS),
    db.$queryRawUnsafe<Array<{ flows: number | null }>>(`
      SELECT sum(flows)::float8 AS flows FROM "IngestRun" WHERE "finishedAt" > now() - interval '5 minutes'`),
    db
      .$queryRawUnsafe<Array<{ queue: string; state: string; count: number; oldest: number }>>(`
      SELECT name AS queue, state::text AS state, count(*)::int AS count,
             extract(epoch FROM now() - min(created_on))::float8 AS oldest
      FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`)
      .catch(() => []), // the queue's tables appear when the first worker starts
    db.$queryRawUnsafe<Array<{ state: string; count: number; oldest: number }>>(`
      SELECT state::text AS state, count(*)::int AS count,
             extract(epoch FROM now() - min("createdAt"))::float8 AS oldest
      FROM "Notification" WHERE state IN ('HELD', 'QUEUED', 'SENDING', 'FAILED') GROUP BY state`),
    db.$queryRawUnsafe<Array<{ state: string; count: number }>>(`
      SELECT state::text AS state, count(*)::int AS count FROM "InboundMail" GROUP BY state`),
    db.$queryRawUnsafe<Array<{ sent: number; bounced: number }>>(`
      SELECT count(*) FILTER (WHERE "sentAt" > now() - interval '7 days')::int AS sent,
             count(*) FILTER (WHERE "bouncedAt" > now() - interval '7 days')::int AS bounced
      FROM "Notification"`),
    db.$queryRawUnsafe<Array<{ state: string; count: number; oldest: number }>>(`
      SELECT state::text AS state, count(*)::int AS count,
             extract(epoch FROM now() - min("createdAt"))::float8 AS oldest
      FROM "WebhookDelivery" WHERE state IN ('QUEUED', 'SENDING', 'FAILED') GROUP BY state`),
    db.$queryRawUnsafe<Array<{ ago: number; status: string }>>(`
      SELECT extract(epoch FROM now() - "startedAt")::float8 AS ago, status::text AS status
      FROM "RetentionRun" ORDER BY "startedAt" DESC LIMIT 1`),
  ]);
  return {
    streams: streams.map((row) => ({
      name: row.name,
      lagSeconds: row.lag,
      lastRunFinishedAgoSeconds: row.finished,
    })),
    runsLastHour,
    flowsPerSecondLast5Min: (flows[0]?.flows ?? 0) / 300,
    jobs: jobs.map((row) => ({ queue: row.queue, state: row.state, count: row.count, oldestAgeSeconds: row.oldest })),
    outbox: outbox.map((row) => ({ state: row.state, count: row.count, oldestAgeSeconds: row.oldest })),
    inboundMail,
    sentLast7Days: delivery[0]?.sent ?? 0,
    bouncedLast7Days: delivery[0]?.bounced ?? 0,
    webhooks: webhooks.map((row) => ({ state: row.state, count: row.count, oldestAgeSeconds: row.oldest })),
    retention: retention[0] ? { startedAgoSeconds: retention[0].ago, status: retention[0].status } : null,
  };
}
