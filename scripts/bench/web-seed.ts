/**
 * The web benchmark's own database on a loopback PostgreSQL server: created fresh, migrated,
 * seeded with the demo users, then filled with organisations and incidents by set-based SQL.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

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

export interface BenchData {
  /** Incidents whose pages the benchmark fetches (they have a timeline and a flow sample). */
  references: number[];
  /** An organisation with incidents in the filtered statuses, by its slug (as queue links name it). */
  organisationSlug: string;
}

/** 1,000 organisations (1–3 blocks and a contact each) and `incidents` incidents spread over them. */
export async function fillBenchData(url: string, { incidents = 100_000, pages = 200 } = {}): Promise<BenchData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`
      INSERT INTO "Organisation" (id, name, slug, country, "notificationPolicy", "updatedAt")
      SELECT gen_random_uuid(), format('Bench Member %s', lpad(i::text, 4, '0')), format('bench-member-%s', i),
             (ARRAY['NL','DE','FR','BE','DK','SE','NO','FI'])[1 + i % 8], CASE WHEN i % 10 = 0 THEN 'HOLD_FOR_APPROVAL' ELSE 'AUTOMATIC' END::"NotificationPolicy", now()
      FROM generate_series(1, 1000) i`);
    // Block k of member i is 10.x.y.0/24 at index i*4+k: no two blocks overlap.
    await client.query(`
      INSERT INTO "AddressBlock" (id, "organisationId", network, description)
      SELECT gen_random_uuid(), o.id, set_masklen('10.0.0.0'::inet + ((o.i * 4 + k) * 256), 24), format('campus %s', k)
      FROM (SELECT id, substring(slug from 14)::int AS i FROM "Organisation" WHERE slug LIKE 'bench-member-%') o
      CROSS JOIN LATERAL generate_series(1, 1 + o.i % 3) k`);
    await client.query(`
      INSERT INTO "Contact" (id, "organisationId", name, email, role, "updatedAt")
      SELECT gen_random_uuid(), id, 'Security desk', format('security@%s.example', slug), 'SECURITY', now()
      FROM "Organisation" WHERE slug LIKE 'bench-member-%'`);
    // Incident g goes to block (g * 7919) mod T (7919 is prime, so coprime to T) and host
    // (g div T) mod 254 + 1: every incident has its own source address, hence its own open key.
    // The newest incidents are mostly open, older ones mostly resolved or closed.
    await client.query(
      `
      WITH b AS (
        SELECT id, "organisationId", network, row_number() OVER (ORDER BY network) - 1 AS n, count(*) OVER () AS total
        FROM "AddressBlock" WHERE network << '10.0.0.0/8'
      ), analysts AS (SELECT array_agg(id ORDER BY email) AS ids FROM "User" WHERE role IN ('ANALYST', 'ADMIN')),
      g AS (
        SELECT g, now() - (($1::int - g) * interval '315 seconds') - random() * interval '5 minutes' AS last_seen, random() AS r
        FROM generate_series(1, $1::int) g
      ), rows AS (
        SELECT g.g, g.last_seen, g.r, b.id AS block_id, b."organisationId" AS org_id,
               b.network + ((g.g / b.total) % 254 + 1) AS ip,
               CASE
                 WHEN g.last_seen > now() - interval '3 days' THEN (ARRAY['NEW','NEW','NOTIFIED','ACKNOWLEDGED','REOPENED'])[1 + g.g % 5]
                 WHEN g.last_seen > now() - interval '30 days' THEN (ARRAY['NOTIFIED','ACKNOWLEDGED','RESOLVED','RESOLVED','CLOSED','REOPENED','NEW'])[1 + g.g % 7]
                 ELSE (ARRAY['RESOLVED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','ACKNOWLEDGED'])[1 + g.g % 10]
               END::"IncidentStatus" AS status
        FROM g JOIN b ON b.n = (g.g::bigint * 7919) % b.total
      )
      INSERT INTO "Incident" (id, reference, type, status, severity, "organisationId", "addressBlockId", "sourceIp", port, protocol, "activityKind",
        "firstSeen", "lastSeen", "flowCount", "distinctTargets", summary, "assigneeId", "openKey", round,
        "acknowledgedAt", "resolvedAt", "closedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), r.g, 'SSH_SCAN', r.status,
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
      [incidents],
    );
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"Incident"', 'reference'), (SELECT max(reference) FROM "Incident"))`,
    );

    // The incidents whose pages are fetched: spread over the range, each with a timeline and a flow sample.
    const step = Math.max(1, Math.floor(incidents / pages));
    const references = Array.from({ length: Math.min(pages, incidents) }, (_, i) => 1 + i * step);
    await client.query(
      `
      INSERT INTO "TimelineEvent" (id, "incidentId", type, visibility, "actorLabel", message, "createdAt")
      SELECT gen_random_uuid(), i.id, e.type::"TimelineEventType", e.visibility::"Visibility", e.actor, e.message, i."createdAt" + e.after
      FROM "Incident" i CROSS JOIN (VALUES
        ('CREATED', 'INSTITUTION', 'worker', 'Incident created from flow data.', interval '0'),
        ('UPDATED_BY_INGEST', 'INTERNAL', 'worker', 'New flows from a later file: counts updated.', interval '5 minutes'),
        ('NOTIFICATION_QUEUED', 'INTERNAL', 'worker', 'First notice queued for the security contact.', interval '6 minutes'),
        ('NOTE', 'INTERNAL', 'analyst@csirt.example', 'Looks like a compromised host; waiting for the member.', interval '1 hour'),
        ('STATUS_CHANGED', 'INSTITUTION', 'analyst@csirt.example', 'Status changed.', interval '2 hours')
      ) AS e(type, visibility, actor, message, after)
      WHERE i.reference = ANY($1::int[])`,
      [references],
    );
    await client.query(
      `
      INSERT INTO "Evidence" (id, "incidentId", kind, title, "fileName", "contentType", content, sha256, "createdAt")
      SELECT gen_random_uuid(), i.id, 'FLOW_SAMPLE', 'Flow sample', format('csirt-%s-sample.txt', i.reference), 'text/plain; charset=utf-8',
             convert_to(s.body, 'UTF8'), encode(sha256(convert_to(s.body, 'UTF8')), 'hex'), i."createdAt"
      FROM "Incident" i CROSS JOIN LATERAL (
        SELECT to_char(i."firstSeen" AT TIME ZONE 'UTC', 'YYYY-MM-DD') || E'\\n' || string_agg(
          format('%sZ TCP %s:%s 203.0.113.%s:22 ....S. 1 60', to_char((i."firstSeen" + k * interval '3 seconds') AT TIME ZONE 'UTC', 'HH24:MI:SS'),
                 host(i."sourceIp"), 40000 + k, 1 + k % 250), E'\\n' ORDER BY k) AS body
        FROM generate_series(0, 49) k
      ) s
      WHERE i.reference = ANY($1::int[])`,
      [references],
    );
    const org = await client.query<{ slug: string }>(`
      SELECT o.slug FROM "Incident" i JOIN "Organisation" o ON o.id = i."organisationId" WHERE i.status IN ('NEW', 'REOPENED')
      GROUP BY o.slug ORDER BY count(*) DESC, o.slug LIMIT 1`);
    await client.query("COMMIT");
    await client.query("ANALYZE");
    const organisationSlug = org.rows[0]?.slug;
    if (!organisationSlug) throw new Error("no organisation has NEW or REOPENED incidents");
    return { references, organisationSlug };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
