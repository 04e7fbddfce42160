/**
 * The web benchmark's own database on a loopback PostgreSQL server: created fresh, migrated,
 * seeded with the demo users, then filled by set-based SQL (INSERT … SELECT over
 * generate_series, one statement per table and chunk: no row crosses the wire).
 *
 * The shape of a national network over a decade: 10,000 organisations with 20 address blocks
 * and 3 contacts each; up to 1,000,000 incidents, one every 315 seconds back from now (ten
 * years), each with a timeline (3–6 entries), a flow sample and a notice. `fillIncidents` grows
 * the data in place: 100,000 first (the newest), then the older ones up to 1,000,000, so one
 * run measures the same pages at both sizes.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** References count down from here, so the newest incidents (seeded first) keep the highest numbers. */
export const MAX_INCIDENTS = 1_000_000;
const BLOCKS_PER_ORGANISATION = 20;
const CONTACTS_PER_ORGANISATION = 3;
const CHUNK = 100_000;

function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!["127.0.0.1", "localhost", "::1"].includes(host))
    throw new Error(`refusing a database server that is not on loopback: ${host}`);
}

async function admin(sql: string): Promise<void> {
  assertLoopback(ADMIN_URL);
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `csirt_bench_web_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** What the filling needs of a connection: pg's Client, or an embedded PGlite (same SQL). */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A loopback server's URL, or an open connection (PGlite) used as it is. */
export type SeedTarget = string | SqlRunner;

async function withClient<T>(target: SeedTarget, run: (client: SqlRunner) => Promise<T>): Promise<T> {
  if (typeof target !== "string") return run(target);
  const url = target;
  assertLoopback(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Bulk loading: a crash loses the load, never consistency.
    await client.query("SET synchronous_commit = off");
    return await run(client as SqlRunner);
  } finally {
    await client.end();
  }
}

async function inTransaction(client: SqlRunner, run: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await run();
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * `organisations` members ("bench-member-N"), 20 address blocks (/26, none overlapping) and
 * 3 contacts each. The blocks are numbered n = 0 … 20·organisations − 1 in address order.
 */
export async function fillOrganisations(url: SeedTarget, { organisations = 10_000 } = {}): Promise<void> {
  await withClient(url, (client) =>
    inTransaction(client, async () => {
      await client.query(
        `
        INSERT INTO "Organisation" (id, name, slug, country, "notificationPolicy", "updatedAt")
        SELECT gen_random_uuid(), format('Bench Member %s', lpad(i::text, 5, '0')), format('bench-member-%s', i),
               (ARRAY['NL','DE','FR','BE','DK','SE','NO','FI'])[1 + i % 8],
               CASE WHEN i % 10 = 0 THEN 'HOLD_FOR_APPROVAL' ELSE 'AUTOMATIC' END::"NotificationPolicy", now()
        FROM generate_series(0, $1::int - 1) i`,
        [organisations],
      );
      // Block k of member i is the /26 at index i·20 + k inside 10.0.0.0/8.
      await client.query(
        `
        INSERT INTO "AddressBlock" (id, "organisationId", network, description)
        SELECT gen_random_uuid(), o.id, set_masklen('10.0.0.0'::inet + ((o.i * $1::int + k) * 64), 26), format('campus %s', k)
        FROM (SELECT id, substring(slug from 14)::int AS i FROM "Organisation" WHERE slug LIKE 'bench-member-%') o
        CROSS JOIN generate_series(0, $1::int - 1) k`,
        [BLOCKS_PER_ORGANISATION],
      );
      await client.query(
        `
        INSERT INTO "Contact" (id, "organisationId", name, email, role, "updatedAt")
        SELECT gen_random_uuid(), o.id, r.name, format('%s@%s.example', r.local, o.slug), r.role::"ContactRole", now()
        FROM "Organisation" o CROSS JOIN (VALUES ('Security desk', 'security', 'SECURITY'), ('Abuse desk', 'abuse', 'ABUSE'),
                                                 ('Network team', 'noc', 'TECHNICAL')) AS r(name, local, role)
        WHERE o.slug LIKE 'bench-member-%'`,
      );
    }),
  );
  if (CONTACTS_PER_ORGANISATION !== 3) throw new Error("the contact roles above are three");
}

/**
 * Incidents g = from … to (g = 1 is the newest; g is also how far back in time it lies:
 * 315 s per step), with reference MAX_INCIDENTS + 1 − g. Incident g goes to block
 * (g · 7919) mod B (7919 is prime, coprime to B) and host ⌊g / B⌋ mod 62 + 1: every incident
 * has its own source address. The newest are mostly open; older than 30 days, 1 in 100 is
 * still open (acknowledged and forgotten). Each gets a timeline, a flow sample and a notice.
 */
export async function fillIncidents(url: SeedTarget, { from = 1, to }: { from?: number; to: number }): Promise<void> {
  if (to > MAX_INCIDENTS) throw new Error(`at most ${MAX_INCIDENTS} incidents`);
  await withClient(url, async (client) => {
    for (let start = from; start <= to; start += CHUNK) {
      const end = Math.min(to, start + CHUNK - 1);
      await inTransaction(client, () => fillIncidentChunk(client, start, end));
    }
  });
}

/** The blocks numbered in address order (n), as a keyed table: incidents find theirs by a hash join. */
async function numberBlocks(client: SqlRunner): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE bench_block ON COMMIT DROP AS
    SELECT (row_number() OVER (ORDER BY network) - 1)::int AS n, id, "organisationId" AS org_id, network
    FROM "AddressBlock" WHERE network << '10.0.0.0/8'`);
  await client.query("ALTER TABLE bench_block ADD PRIMARY KEY (n)");
  await client.query("ANALYZE bench_block");
}

async function fillIncidentChunk(client: SqlRunner, from: number, to: number): Promise<void> {
  await numberBlocks(client);
  await client.query(
    `
    WITH total AS (SELECT count(*)::bigint AS total FROM bench_block),
    analysts AS (SELECT array_agg(id ORDER BY email) AS ids FROM "User" WHERE role IN ('ANALYST', 'ADMIN')),
    g AS (
      SELECT g, now() - ((g - 1) * interval '315 seconds') - random() * interval '5 minutes' AS last_seen, random() AS r,
             (g::bigint * 7919) % (SELECT total FROM total) AS n, (g / (SELECT total FROM total)) % 62 + 1 AS host
      FROM generate_series($1::int, $2::int) g
    ), rows AS (
      SELECT g.g, g.last_seen, g.r, b.id AS block_id, b.org_id, b.network + g.host AS ip,
             CASE
               WHEN g.last_seen > now() - interval '3 days' THEN (ARRAY['NEW','NEW','NOTIFIED','ACKNOWLEDGED','REOPENED'])[1 + g.g % 5]
               WHEN g.last_seen > now() - interval '30 days' THEN (ARRAY['NOTIFIED','ACKNOWLEDGED','RESOLVED','RESOLVED','CLOSED','REOPENED','NEW'])[1 + g.g % 7]
               WHEN g.g % 100 = 0 THEN 'ACKNOWLEDGED'
               ELSE (ARRAY['RESOLVED','CLOSED','CLOSED','CLOSED'])[1 + g.g % 4]
             END::"IncidentStatus" AS status
      FROM g JOIN bench_block b ON b.n = g.n
    )
    INSERT INTO "Incident" (id, reference, type, status, severity, "organisationId", "addressBlockId", "sourceIp", port, protocol, "activityKind",
      "firstSeen", "lastSeen", "flowCount", "distinctTargets", summary, "assigneeId", "openKey", round,
      "acknowledgedAt", "resolvedAt", "closedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), $3::int + 1 - r.g, 'SSH_SCAN', r.status,
      (ARRAY['LOW','MEDIUM','MEDIUM','HIGH','CRITICAL'])[1 + (r.g / 3) % 5]::"Severity",
      r.org_id, r.block_id, r.ip, 22, 'tcp', 'SCAN',
      r.last_seen - (interval '1 minute' * (5 + floor(r.r * 600))), r.last_seen,
      50 + floor(r.r * 20000)::int, 20 + floor(r.r * 5000)::int,
      format('%s scanned %s hosts on port 22/tcp (%s flows).', host(r.ip), 20 + floor(r.r * 5000)::int, 50 + floor(r.r * 20000)::int),
      CASE WHEN r.g % 3 = 0 THEN (SELECT ids[1 + r.g % array_length(ids, 1)] FROM analysts) END,
      CASE WHEN r.status IN ('RESOLVED', 'CLOSED') THEN NULL ELSE format('SSH_SCAN:%s:%s', r.org_id, host(r.ip)) END,
      CASE WHEN r.status = 'REOPENED' THEN 1 ELSE 0 END,
      CASE WHEN r.status IN ('ACKNOWLEDGED', 'RESOLVED', 'CLOSED') THEN r.last_seen + interval '2 hours' END,
      CASE WHEN r.status IN ('RESOLVED', 'CLOSED') THEN r.last_seen + interval '1 day' END,
      CASE WHEN r.status = 'CLOSED' THEN r.last_seen + interval '3 days' END,
      r.last_seen - interval '10 minutes', r.last_seen
    FROM rows r`,
    [from, to, MAX_INCIDENTS],
  );
  const range = [MAX_INCIDENTS + 1 - to, MAX_INCIDENTS + 1 - from];
  // Timeline: created, notice queued and sent for every incident; a note on 1 in 4; the status
  // change for those acknowledged, resolved or closed; a second update on 1 in 2 (3–6 entries).
  await client.query(
    `
    INSERT INTO "TimelineEvent" (id, "incidentId", type, visibility, "actorKind", "actorLabel", message, data, "createdAt")
    SELECT gen_random_uuid(), i.id, e.type::"TimelineEventType", e.visibility::"Visibility", e.kind::"ActorKind", e.actor, e.message,
           CASE WHEN e.type = 'STATUS_CHANGED' THEN jsonb_build_object('to', i.status) END, i."createdAt" + e.after
    FROM "Incident" i CROSS JOIN (VALUES
      ('CREATED', 'INSTITUTION', 'SYSTEM', 'worker', 'Incident created from flow data.', interval '0', 0),
      ('NOTIFICATION_QUEUED', 'INTERNAL', 'SYSTEM', 'worker', 'First notice queued for the security contact.', interval '1 minute', 0),
      ('NOTIFICATION_SENT', 'INTERNAL', 'SYSTEM', 'worker', 'First notice sent.', interval '2 minutes', 0),
      ('UPDATED_BY_INGEST', 'INTERNAL', 'SYSTEM', 'worker', 'New flows from a later file: counts updated.', interval '5 minutes', 2),
      ('NOTE', 'INTERNAL', 'STAFF', 'analyst@csirt.example', 'Looks like a compromised host; waiting for the member.', interval '1 hour', 4),
      ('STATUS_CHANGED', 'INSTITUTION', 'STAFF', 'analyst@csirt.example', 'Status changed.', interval '2 hours', -1)
    ) AS e(type, visibility, kind, actor, message, after, every)
    WHERE i.reference BETWEEN $1 AND $2
      AND CASE WHEN e.every = -1 THEN i.status IN ('ACKNOWLEDGED', 'RESOLVED', 'CLOSED') WHEN e.every = 0 THEN true ELSE i.reference % e.every = 0 END`,
    range,
  );
  // A short flow sample per incident (the real ones are a few kB; the row count is what matters here).
  await client.query(
    `
    INSERT INTO "Evidence" (id, "incidentId", kind, title, "fileName", "contentType", content, sha256, "createdAt")
    SELECT gen_random_uuid(), i.id, 'FLOW_SAMPLE', 'Flow sample', format('csirt-%s-sample.txt', i.reference), 'text/plain; charset=utf-8',
           convert_to(s.body, 'UTF8'), encode(sha256(convert_to(s.body, 'UTF8')), 'hex'), i."createdAt"
    FROM "Incident" i CROSS JOIN LATERAL (
      SELECT format(E'%sZ TCP %s:40001 203.0.113.1:22 ....S. 1 60\\n%sZ TCP %s:40002 203.0.113.2:22 ....S. 1 60\\n',
                    to_char(i."firstSeen" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), host(i."sourceIp"),
                    to_char(i."firstSeen" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), host(i."sourceIp")) AS body
    ) s
    WHERE i.reference BETWEEN $1 AND $2`,
    range,
  );
  // The first notice to the security contact, sent; a reminder on 1 in 10.
  await client.query(
    `
    INSERT INTO "Notification" (id, "incidentId", "contactId", "toAddress", purpose, state, subject, "messageId", attempts, "sentAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), i.id, c.id, c.email, p.purpose::"NotificationPurpose", 'SENT', format('[CSIRT #%s] SSH scanning from your network', i.reference),
           format('<%s-%s@bench.csirt.example>', p.purpose, i.reference), 1, i."createdAt" + p.after, i."createdAt" + p.after, i."createdAt" + p.after
    FROM "Incident" i
    JOIN "Contact" c ON c."organisationId" = i."organisationId" AND c.role = 'SECURITY'
    CROSS JOIN (VALUES ('FIRST_NOTICE', interval '2 minutes', 1), ('REMINDER', interval '3 days', 10)) AS p(purpose, after, every)
    WHERE i.reference BETWEEN $1 AND $2 AND i.reference % p.every = 0`,
    range,
  );
}

export interface BenchData {
  /** Incidents whose pages the benchmark fetches, spread over the whole range. */
  references: number[];
  /** An organisation with incidents in the filtered statuses, by its slug (as queue links name it). */
  organisationSlug: string;
  /** A source address with an incident, and the /16 around it: the IP and CIDR searches. */
  sourceIp: string;
  cidr: string;
}

/** What the pages are fetched with, read from the data as it is now. */
export async function pickBenchData(url: SeedTarget, { pages = 200 } = {}): Promise<BenchData> {
  return withClient(url, async (client) => {
    const range = await client.query<{ low: number; high: number }>(
      `SELECT min(reference)::int AS low, max(reference)::int AS high FROM "Incident"`,
    );
    const { low, high } = range.rows[0] ?? { low: 0, high: 0 };
    if (!low || !high) throw new Error("no incidents to fetch");
    const step = Math.max(1, Math.floor((high - low) / pages));
    const references = Array.from({ length: Math.min(pages, high - low + 1) }, (_, i) => low + i * step);
    const org = await client.query<{ slug: string }>(`
      SELECT o.slug FROM "Incident" i JOIN "Organisation" o ON o.id = i."organisationId"
      WHERE i.status IN ('NEW', 'REOPENED') AND i."lastSeen" > now() - interval '30 days'
      GROUP BY o.slug ORDER BY count(*) DESC, o.slug LIMIT 1`);
    const organisationSlug = org.rows[0]?.slug;
    if (!organisationSlug) throw new Error("no organisation has NEW or REOPENED incidents");
    const source = await client.query<{ ip: string }>(
      `SELECT host("sourceIp") AS ip FROM "Incident" WHERE reference = $1`,
      [high],
    );
    const sourceIp = source.rows[0]?.ip;
    if (!sourceIp) throw new Error("no source address");
    const cidr = `${sourceIp.split(".").slice(0, 2).join(".")}.0.0/16`;
    return { references, organisationSlug, sourceIp, cidr };
  });
}

/** A settled database, as a running one is (statistics, visibility map): otherwise autovacuum works through the fresh rows during the measurement. */
export async function settle(url: SeedTarget): Promise<void> {
  await withClient(url, (client) => client.query("VACUUM ANALYZE").then(() => undefined));
}
