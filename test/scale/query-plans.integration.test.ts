/**
 * Every query the analyst pages and the portal's incident list issue has an index-backed plan
 * and none reads past rows it throws away (ADR 0004): on a representative slice of the
 * benchmark's data (1,000 organisations with 20 blocks and 3 contacts each, 40,000 incidents
 * with timelines, flow samples and notices, seeded by the benchmark's own SQL), the page
 * functions run on a client that records each statement Prisma sends; then each is EXPLAINed
 * with its own parameters. No plan may read "Incident", "TimelineEvent", "Evidence" or
 * "Notification" with a sequential scan, and no statement may use OFFSET.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapterFactory } from "@/lib/db/adapter";
import type { Db } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/target";
import { countActiveOrganisations } from "@/lib/dashboard/count-active-organisations";
import { countIncidentsPerDay } from "@/lib/dashboard/count-incidents-per-day";
import { countOpenIncidents } from "@/lib/dashboard/count-open-incidents";
import { countWaitingWork } from "@/lib/dashboard/count-waiting-work";
import { getMedianResponseTimes } from "@/lib/dashboard/get-median-response-times";
import { listTopOrganisations } from "@/lib/dashboard/list-top-organisations";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { listAssignableUsers } from "@/lib/incidents/assign-incident";
import { getIncidentDetail } from "@/lib/incidents/get-incident-detail";
import { compactIncidentCounts } from "@/lib/incidents/incident-counts";
import { parseIncidentQuery } from "@/lib/incidents/incident-query";
import { searchIncidents } from "@/lib/incidents/search-incidents";
import { listIncidentMail } from "@/lib/mail/list-incident-mail";
import { countNoticeOutcomes, listNoticeOutcomes } from "@/lib/notify/list-notice-outcomes";
import { findOrganisationSummary, getOrganisationDetail } from "@/lib/orgs/get-organisation-detail";
import type { PortalCaller } from "@/lib/portal/portal-caller";
import { listPortalIncidents } from "@/lib/portal/portal-incidents";
import { responseTimes } from "@/lib/portal/response-times";
import { fillIncidents, fillOrganisations } from "@/scripts/bench/web-seed";
import { onPostgresOnly } from "@/test/support/postgres";

const BIG_TABLES = new Set(["Incident", "TimelineEvent", "Evidence", "Notification"]);
const onPostgres = process.env.TEST_DB === "postgres";

interface Statement {
  sql: string;
  params: unknown[];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"] && BIG_TABLES.has(node["Relation Name"]))
    found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

describe.skipIf(!onPostgres)("query plans at scale", () => {
  let recorder: Db;
  const statements: Statement[] = [];
  let recording = false;
  let url: string;

  beforeAll(async () => {
    url = process.env.DATABASE_URL!;
    const logging = new PrismaClient({
      adapter: createAdapterFactory(resolveDatabaseTarget(), { poolSize: 4 }),
      omit: { user: { passwordHash: true }, secondFactor: { totpSecret: true } },
      log: [{ emit: "event", level: "query" }],
    });
    logging.$on("query", (event) => {
      if (recording) statements.push({ sql: event.query, params: JSON.parse(event.params || "[]") as unknown[] });
    });
    // The same client type the app's functions take, with a log of what it sends.
    recorder = logging as unknown as Db;
    await recorder.user.create({
      data: { email: "analyst@csirt.example", name: "Ann Analyst", role: "ANALYST", passwordHash: "x" },
    });
    await fillOrganisations(url, { organisations: 1_000 });
    await fillIncidents(url, { to: 40_000 });
    await compactIncidentCounts(recorder);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("VACUUM ANALYZE");
    await admin.end();
  }, 180_000);

  afterAll(async () => {
    await recorder?.$disconnect();
  });

  it(onPostgresOnly("reads no big table sequentially and uses no OFFSET"), async () => {
    const analyst = await recorder.user.findUniqueOrThrow({ where: { email: "analyst@csirt.example" } });
    const organisation = await recorder.organisation.findFirstOrThrow({
      where: { incidents: { some: { status: "NEW" } } },
      orderBy: { slug: "asc" },
    });
    const incident = await recorder.incident.findFirstOrThrow({
      where: { organisationId: organisation.id },
      orderBy: { reference: "desc" },
    });
    recording = true;

    // The queue: its tabs, filters, sorts, searches, and pages deep in the results by cursor.
    const views = [
      {},
      { status: "all" },
      { attention: "1" },
      { status: ["NEW", "REOPENED"], org: organisation.id },
      { org: organisation.id, status: "all" },
      { assignee: "me" },
      { assignee: "unassigned", status: "NEW" },
      { from: "2026-01-01", to: "2026-01-31", status: "all" },
      { q: incident.sourceIp },
      { q: `${incident.sourceIp.split(".").slice(0, 2).join(".")}.0.0/16` },
      { q: `#${incident.reference}` },
      { sort: "reference", status: "all" },
      { sort: "flows" },
      { sort: "status", dir: "desc" },
    ];
    for (const params of views) {
      const { query } = parseIncidentQuery(params);
      const view = { ...query, organisationId: query.organisation };
      let page = await searchIncidents(recorder, { query: view, viewerId: analyst.id });
      for (let step = 0; step < 3 && page.nextCursor; step++)
        page = await searchIncidents(recorder, { query: { ...view, after: page.nextCursor }, viewerId: analyst.id });
      if (page.previousCursor)
        await searchIncidents(recorder, { query: { ...view, before: page.previousCursor }, viewerId: analyst.id });
    }
    await listAssignableUsers(recorder);

    // The incident page.
    await getIncidentDetail(recorder, { reference: incident.reference });
    await listNoticeOutcomes(recorder, { incidentId: incident.id });
    await listIncidentMail(recorder, { incidentId: incident.id });

    // The dashboard and the navigation's counts on every staff page.
    const now = new Date();
    await Promise.all([
      countOpenIncidents(recorder, { now }),
      countIncidentsPerDay(recorder, { now }),
      listTopOrganisations(recorder, { limit: 10 }),
      getMedianResponseTimes(recorder, { now }),
      countActiveOrganisations(recorder),
      countWaitingWork(recorder),
    ]);

    // The organisation page.
    await findOrganisationSummary(recorder, { slug: organisation.slug });
    await getOrganisationDetail(recorder, { slug: organisation.slug });
    await countNoticeOutcomes(recorder, { organisationId: organisation.id });

    // The portal's incident list for a member.
    const member: PortalCaller = {
      kind: "user",
      user: { id: analyst.id, email: "x@y", name: "X", role: "INSTITUTION", organisationIds: [organisation.id] },
    };
    await listPortalIncidents(recorder, member);
    await responseTimes(recorder, { organisationIds: [organisation.id] });

    recording = false;
    const queries = statements.filter((statement) => /^\s*(SELECT|WITH|UPDATE|DELETE)\b/i.test(statement.sql));
    expect(queries.length).toBeGreaterThan(50);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const problems: string[] = [];
    try {
      for (const { sql, params } of queries) {
        // Prisma writes "OFFSET $n" with 0 into its counts: only an offset that skips rows is one.
        const offset = /\bOFFSET\s+(?:\$(\d+)|(\d+))/i.exec(sql);
        const skipped = offset ? Number(offset[1] ? params[Number(offset[1]) - 1] : offset[2]) : 0;
        if (skipped !== 0) problems.push(`OFFSET ${skipped} in: ${sql.slice(0, 300)}`);
        const result = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          params,
        );
        const plan = result.rows[0]!["QUERY PLAN"][0]!.Plan;
        const scans = seqScans(plan);
        if (scans.length)
          problems.push(`Seq Scan on ${scans.join(", ")} in: ${sql.replace(/\s+/g, " ").slice(0, 400)}`);
      }
    } finally {
      await client.end();
    }
    expect(problems).toEqual([]);
  });
});
