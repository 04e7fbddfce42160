import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runBulkStatusChangeJob } from "@/lib/jobs/definitions/run-bulk-status-change";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { enqueue, ensureQueue, getQueue } from "@/lib/jobs/queue";
import { seedIncidents } from "@/test/support/seed-incidents";
import { createBulkStatusChange, listBulkStatusChanges, runBulkStatusChange } from "./bulk-status-change";
import { parseIncidentQuery } from "./incident-query";

let analyst: { id: string; label: string };

beforeAll(async () => {
  // As a running app's worker does at start: on PGlite, creating the queue inside the change's
  // transaction would wait for that transaction (one connection).
  await ensureQueue(await getQueue(), runBulkStatusChangeJob as JobDefinition<unknown>);
  const user = await db.user.create({ data: { email: "bulk@csirt.example", name: "Bea Bulk", role: "ANALYST" } });
  analyst = { id: user.id, label: user.email };
});

async function organisation(slug: string) {
  return db.organisation.create({ data: { name: slug, slug } });
}

function queueJob(tx: Parameters<Parameters<typeof createBulkStatusChange>[1]["enqueue"]>[0], changeId: string) {
  return enqueue(runBulkStatusChangeJob, { changeId }, { tx });
}

describe("a bulk status change of every incident matching a filter", () => {
  it("changes each allowed incident once, as the analyst, and records the refusals", async () => {
    const org = await organisation("bulk-small");
    await seedIncidents(org.id, { count: 300, offset: 0 });
    await seedIncidents(org.id, { count: 5, offset: 1_000, status: "CLOSED" });
    const { query } = parseIncidentQuery({ org: org.id, status: "all" });
    const change = await createBulkStatusChange(db, {
      query,
      to: "ACKNOWLEDGED",
      reason: "Member confirmed by phone",
      actor: analyst,
      enqueue: queueJob,
    });
    expect(change.total).toBe(305);
    const queued = await db.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'incidents.bulk-status' AND data->>'changeId' = ${change.id}`;
    expect(queued[0]!.count).toBe(1);

    await runBulkStatusChange(db, change.id, { batchSize: 50 });
    const [view] = await listBulkStatusChanges(db, { id: change.id });
    expect(view).toMatchObject({ state: "DONE", total: 305, done: 300, skipped: 0, failed: 5 });
    expect(view!.refusals[0]!.message).toBe("An incident that is closed cannot become acknowledged.");
    expect(await db.incident.count({ where: { organisationId: org.id, status: "ACKNOWLEDGED" } })).toBe(300);
    const events = await db.timelineEvent.findMany({
      where: { incident: { organisationId: org.id }, type: "STATUS_CHANGED" },
      select: { actorKind: true, actorId: true, message: true },
    });
    expect(events).toHaveLength(300);
    expect(new Set(events.map((event) => `${event.actorKind} ${event.actorId}`))).toEqual(
      new Set([`STAFF ${analyst.id}`]),
    );
    expect(events[0]!.message).toBe("New → Acknowledged: Member confirmed by phone");
    expect(await db.auditLog.count({ where: { action: "incident.status", actorId: analyst.id } })).toBe(300);
    expect(await db.auditLog.count({ where: { action: "incident.bulk_status", targetId: change.id } })).toBe(1);

    // A retried job (the worker died after the last batch) changes nothing again.
    await db.bulkStatusChange.update({ where: { id: change.id }, data: { state: "RUNNING" } });
    await runBulkStatusChange(db, change.id, { batchSize: 50 });
    expect(
      await db.timelineEvent.count({ where: { incident: { organisationId: org.id }, type: "STATUS_CHANGED" } }),
    ).toBe(300);
    expect((await listBulkStatusChanges(db, { id: change.id }))[0]).toMatchObject({ done: 300, failed: 5 });
  });

  it("continues after a crash with the incidents still pending, and skips those already there", async () => {
    const org = await organisation("bulk-resume");
    await seedIncidents(org.id, { count: 120, offset: 2_000 });
    const { query } = parseIncidentQuery({ org: org.id });
    const change = await createBulkStatusChange(db, { query, to: "RESOLVED", actor: analyst, enqueue: queueJob });
    // Someone resolves one by hand meanwhile; then a first worker does one batch and dies.
    const first = await db.incident.findFirstOrThrow({ where: { organisationId: org.id }, orderBy: { id: "desc" } });
    await db.incident.update({ where: { id: first.id }, data: { status: "RESOLVED", openKey: null } });
    const claimed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ incidentId: string }>>`
        SELECT "incidentId" FROM "BulkStatusChangeItem" WHERE "changeId" = ${change.id}::uuid ORDER BY "incidentId" LIMIT 10`;
      return rows.length;
    });
    expect(claimed).toBe(10);
    await runBulkStatusChange(db, change.id, { batchSize: 40 });
    const [view] = await listBulkStatusChanges(db, { id: change.id });
    expect(view).toMatchObject({ state: "DONE", total: 120, done: 119, skipped: 1, failed: 0 });
    expect(await db.incident.count({ where: { organisationId: org.id, status: "RESOLVED" } })).toBe(120);
  });

  it("refuses an empty selection and an invalid search", async () => {
    await expect(
      createBulkStatusChange(db, {
        query: parseIncidentQuery({ q: "203.0.113.250" }).query,
        to: "CLOSED",
        actor: analyst,
        enqueue: queueJob,
      }),
    ).rejects.toThrow("No incident matches this filter.");
    await expect(
      createBulkStatusChange(db, {
        query: parseIncidentQuery({ q: "nonsense!" }).query,
        to: "CLOSED",
        actor: analyst,
        enqueue: queueJob,
      }),
    ).rejects.toThrow(/neither an IP address/);
    expect(await db.bulkStatusChange.count({ where: { total: 0 } })).toBe(0);
  });

  it.runIf(process.env.TEST_DB === "postgres")(
    "closes 10,000 incidents as one job",
    async () => {
      const org = await organisation("bulk-large");
      await seedIncidents(org.id, { count: 10_000, offset: 100_000 });
      const { query } = parseIncidentQuery({ org: org.id });
      const change = await createBulkStatusChange(db, { query, to: "CLOSED", actor: analyst, enqueue: queueJob });
      const started = performance.now();
      await runBulkStatusChange(db, change.id);
      const seconds = (performance.now() - started) / 1000;
      console.log(`[bulk] 10,000 incidents closed in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)}/s)`);
      expect((await listBulkStatusChanges(db, { id: change.id }))[0]).toMatchObject({
        state: "DONE",
        done: 10_000,
        failed: 0,
      });
      expect(await db.incident.count({ where: { organisationId: org.id, status: "CLOSED" } })).toBe(10_000);
    },
    900_000,
  );
});
