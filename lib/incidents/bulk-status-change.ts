/**
 * A status change for every incident of a queue view ("all N matching this filter"), as a job.
 * `createBulkStatusChange` fixes the incidents (one INSERT … SELECT with the queue's conditions)
 * and queues `incidents.bulk-status` in the same transaction; `runBulkStatusChange` works through
 * them in batches. Each batch claims its pending items (`FOR UPDATE SKIP LOCKED`), changes the
 * incidents through the same function as the incident page (timeline entry as the analyst, audit,
 * notices), records each item's outcome and moves the counters, all in one transaction: a worker
 * that dies loses at most its batch, which the retried job does again; nothing is changed twice.
 */
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BulkItemOutcome, IncidentStatus } from "@/lib/generated/prisma/enums";
import type { StatusActor } from "./change-incident-status";
import { FIRST_PAGE, incidentQueryString, type TIncidentQuery } from "./incident-query";
import { queueConditions } from "./search-incidents";
import { canTransition, isOpenStatus } from "./status-machine";
import { STATUS_LABEL } from "./status-labels";
import { MAX_REASON_LENGTH, STATUS_NOTICE, transitionIncidentInTx } from "./transition-incident";
import { statusChangeMessage } from "./change-incident-status";
import { timelineActorFields } from "./timeline-actor";
import { queueNotificationsInTx } from "@/lib/notify/queue-incident-notifications";
import { randomUUID } from "node:crypto";

/** More than this is a mistake in a filter, not a day's work; it is refused before anything is queued. */
export const MAX_BULK_STATUS_INCIDENTS = 100_000;
export const BULK_STATUS_BATCH = 200;

export interface BulkStatusChangeView {
  id: string;
  toStatus: IncidentStatus;
  actorLabel: string;
  filters: string;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  state: "QUEUED" | "RUNNING" | "DONE";
  createdAt: Date;
  finishedAt: Date | null;
  /** The first refusals, with the state machine's reason. */
  refusals: Array<{ reference: number; message: string }>;
}

/** Makes the change with its incidents fixed, and returns its id; `enqueue` runs in the same transaction. */
export async function createBulkStatusChange(
  db: Db,
  {
    query,
    to,
    reason,
    actor,
    context,
    enqueue,
  }: {
    query: TIncidentQuery;
    to: IncidentStatus;
    reason?: string;
    actor: StatusActor & { id: string };
    context?: AuditContext;
    enqueue: (tx: Tx, changeId: string) => Promise<unknown>;
  },
): Promise<{ id: string; total: number }> {
  if (query.search.kind === "invalid") throw new AppError("INVALID_INPUT", query.search.message);
  const why = reason?.trim() || null;
  if (why && why.length > MAX_REASON_LENGTH)
    throw new AppError("INVALID_INPUT", `A reason can be at most ${MAX_REASON_LENGTH} characters.`);
  const filters = incidentQueryString(query, FIRST_PAGE);
  const where = queueConditions(query, actor.id, { includeStatus: true });
  return db.$transaction(
    async (tx) => {
      const change = await tx.bulkStatusChange.create({
        data: { toStatus: to, reason: why, actorId: actor.id, actorLabel: actor.label, filters, total: 0 },
        select: { id: true },
      });
      const total = await tx.$executeRaw`
        INSERT INTO "BulkStatusChangeItem" ("changeId", "incidentId")
        SELECT ${change.id}::uuid, i.id FROM "Incident" i
        ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}`;
      if (total === 0) throw new AppError("INVALID_INPUT", "No incident matches this filter.");
      if (total > MAX_BULK_STATUS_INCIDENTS)
        throw new AppError(
          "INVALID_INPUT",
          `${total.toLocaleString("en-GB")} incidents match; narrow the filter to at most ${MAX_BULK_STATUS_INCIDENTS.toLocaleString("en-GB")}.`,
        );
      await tx.bulkStatusChange.update({ where: { id: change.id }, data: { total } });
      await recordAudit(tx, {
        actor,
        action: "incident.bulk_status.queue",
        target: { type: "BulkStatusChange", id: change.id },
        context,
        data: { to, reason: why, filters, total },
      });
      await enqueue(tx, change.id);
      return { id: change.id, total };
    },
    { timeout: 60_000 },
  );
}

interface ClaimedItem {
  incidentId: string;
  status: IncidentStatus;
}

/** Claims up to a batch of pending items, with each incident's status now. */
function claimBatch(tx: Tx, changeId: string, limit: number): Promise<ClaimedItem[]> {
  return tx.$queryRaw<ClaimedItem[]>`
    SELECT b."incidentId", i.status
    FROM "BulkStatusChangeItem" b JOIN "Incident" i ON i.id = b."incidentId"
    WHERE b."changeId" = ${changeId}::uuid AND b.outcome = 'PENDING'
    ORDER BY b."incidentId"
    LIMIT ${limit}::int
    FOR UPDATE OF b SKIP LOCKED`;
}

type Outcome = { incidentId: string; outcome: Exclude<BulkItemOutcome, "PENDING">; message: string | null };

async function settle(tx: Tx, changeId: string, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await tx.$executeRaw`
    UPDATE "BulkStatusChangeItem" b SET outcome = o.outcome::"BulkItemOutcome", message = o.message
    FROM unnest(${outcomes.map((o) => o.incidentId)}::uuid[], ${outcomes.map((o) => o.outcome)}::text[],
                ${outcomes.map((o) => o.message)}::text[]) AS o(id, outcome, message)
    WHERE b."changeId" = ${changeId}::uuid AND b."incidentId" = o.id`;
  const count = (outcome: Outcome["outcome"]) => outcomes.filter((o) => o.outcome === outcome).length;
  await tx.bulkStatusChange.update({
    where: { id: changeId },
    data: {
      done: { increment: count("DONE") },
      skipped: { increment: count("SKIPPED") },
      failed: { increment: count("FAILED") },
    },
  });
}

/** What the status machine says before anything is written: already there, or not allowed. */
function precheck(item: ClaimedItem, to: IncidentStatus): Outcome | null {
  if (item.status === to)
    return { incidentId: item.incidentId, outcome: "SKIPPED", message: `already ${STATUS_LABEL[to].toLowerCase()}` };
  if (!canTransition(item.status, to))
    return {
      incidentId: item.incidentId,
      outcome: "FAILED",
      message: `An incident that is ${STATUS_LABEL[item.status].toLowerCase()} cannot become ${STATUS_LABEL[to].toLowerCase()}.`,
    };
  return null;
}

/**
 * Works through the change's pending incidents until none is left, then marks it done. One
 * batch is one transaction; should a change inside it fail (another open incident already covers
 * a source being reopened, say), the batch is undone and its incidents are changed one by one,
 * each in its own transaction, so one refusal does not hold up the rest.
 */
export async function runBulkStatusChange(
  db: Db,
  changeId: string,
  { batchSize = BULK_STATUS_BATCH }: { batchSize?: number } = {},
): Promise<{ batches: number }> {
  const change = await db.bulkStatusChange.findUnique({ where: { id: changeId } });
  if (!change || change.state === "DONE") return { batches: 0 };
  await db.bulkStatusChange.updateMany({
    where: { id: changeId, startedAt: null },
    data: { state: "RUNNING", startedAt: new Date() },
  });
  const actor: StatusActor = { id: change.actorId, label: change.actorLabel, kind: "STAFF" };
  const options = { to: change.toStatus, reason: change.reason ?? undefined, actor };
  let batches = 0;
  for (;;) {
    let claimed = 0;
    try {
      claimed = await db.$transaction(
        async (tx) => {
          const items = await claimBatch(tx, changeId, batchSize);
          const outcomes: Outcome[] = [];
          const allowed: ClaimedItem[] = [];
          for (const item of items) {
            const refused = precheck(item, options.to);
            if (refused) outcomes.push(refused);
            else allowed.push(item);
          }
          await changeBatchInTx(tx, allowed, options);
          for (const item of allowed) outcomes.push({ incidentId: item.incidentId, outcome: "DONE", message: null });
          await settle(tx, changeId, outcomes);
          return items.length;
        },
        { timeout: 300_000 },
      );
    } catch (error) {
      if (!isAppError(error) && !(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
      claimed = await runOneByOne(db, changeId, batchSize, options);
    }
    if (claimed === 0) break;
    batches++;
  }
  const finished = await db.bulkStatusChange.update({
    where: { id: changeId },
    data: { state: "DONE", finishedAt: new Date() },
  });
  await recordAudit(db, {
    actor,
    action: "incident.bulk_status",
    target: { type: "BulkStatusChange", id: changeId },
    data: {
      to: finished.toStatus,
      total: finished.total,
      done: finished.done,
      skipped: finished.skipped,
      failed: finished.failed,
    },
  });
  return { batches };
}

/**
 * The batch's allowed changes as four set-based statements instead of five queries per incident:
 * the same columns as changeIncidentStatusInTx (conditional on the status read, so a change made
 * meanwhile fails the batch, which then goes one by one), the same timeline entry as the analyst,
 * the same audit entry; the notice a visible change sends is queued per incident, as on the page.
 */
async function changeBatchInTx(
  tx: Tx,
  items: ClaimedItem[],
  { to, reason, actor }: { to: IncidentStatus; reason?: string; actor: StatusActor },
): Promise<void> {
  if (items.length === 0) return;
  const ids = items.map((item) => item.incidentId);
  const froms = items.map((item) => item.status);
  const changed = await tx.$queryRaw<
    Array<{ id: string; reference: number; organisationId: string; from: IncidentStatus }>
  >`
    UPDATE "Incident" i
    SET status = ${to}::"IncidentStatus",
        "openKey" = CASE WHEN ${isOpenStatus(to)} THEN format('%s:%s:%s', i.type, i."organisationId", host(i."sourceIp")) END,
        "acknowledgedAt" = CASE WHEN ${to} = 'ACKNOWLEDGED' THEN now() ELSE i."acknowledgedAt" END,
        "resolvedAt" = CASE WHEN ${to} = 'RESOLVED' THEN now() WHEN ${to} = 'REOPENED' THEN NULL ELSE i."resolvedAt" END,
        "closedAt" = CASE WHEN ${to} = 'CLOSED' THEN now() WHEN ${to} = 'REOPENED' THEN NULL ELSE i."closedAt" END,
        "updatedAt" = now()
    FROM unnest(${ids}::uuid[], ${froms}::text[]) AS c(id, "from")
    WHERE i.id = c.id AND i.status = c."from"::"IncidentStatus"
    RETURNING i.id, i.reference, i."organisationId", c."from"`;
  if (changed.length !== items.length)
    throw new AppError("CONFLICT", "Someone else changed one of these incidents a moment ago.");
  const why = reason ?? null;
  const actorFields = timelineActorFields(actor);
  await tx.$executeRaw`
    INSERT INTO "TimelineEvent" (id, "incidentId", type, visibility, "actorId", "actorKind", "actorLabel", message, data)
    SELECT gen_random_uuid(), c.id, 'STATUS_CHANGED', 'INSTITUTION', ${actorFields.actorId}::uuid,
           ${actorFields.actorKind}::"ActorKind", ${actorFields.actorLabel}, c.message,
           jsonb_build_object('from', c."from", 'to', ${to}::text, 'reason', ${why}::text)
    FROM unnest(${changed.map((row) => row.id)}::uuid[], ${changed.map((row) => row.from)}::text[],
                ${changed.map((row) => statusChangeMessage(row.from, to, reason))}::text[]) AS c(id, "from", message)`;
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("actorId", "actorLabel", action, "targetType", "targetId", "organisationId", data)
    SELECT ${actor.id ?? null}::uuid, ${actor.label}, 'incident.status', 'Incident', c.id::text, c.org,
           jsonb_build_object('reference', c.reference, 'from', c."from", 'to', ${to}::text, 'reason', ${why}::text)
    FROM unnest(${changed.map((row) => row.id)}::uuid[], ${changed.map((row) => row.organisationId)}::uuid[],
                ${changed.map((row) => Number(row.reference))}::int[], ${changed.map((row) => row.from)}::text[])
      AS c(id, org, reference, "from")`;
  const purpose = STATUS_NOTICE[to];
  if (purpose)
    for (const row of changed)
      await queueNotificationsInTx(tx, {
        incidentId: row.id,
        purpose,
        actor,
        automatic: false,
        batch: `status:${randomUUID()}`,
      });
}

async function runOneByOne(
  db: Db,
  changeId: string,
  batchSize: number,
  options: { to: IncidentStatus; reason?: string; actor: StatusActor },
): Promise<number> {
  let claimed = 0;
  for (let i = 0; i < batchSize; i++) {
    const one = await db.$transaction(async (tx) => {
      const [item] = await claimBatch(tx, changeId, 1);
      if (!item) return 0;
      const refused = precheck(item, options.to);
      if (refused) {
        await settle(tx, changeId, [refused]);
        return 1;
      }
      try {
        // A savepoint: a refusal inside the change undoes that incident only, and is recorded.
        await tx.$executeRaw`SAVEPOINT bulk_item`;
        await transitionIncidentInTx(tx, { incidentId: item.incidentId, ...options });
        await settle(tx, changeId, [{ incidentId: item.incidentId, outcome: "DONE", message: null }]);
      } catch (error) {
        if (!isAppError(error) && !(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT bulk_item`;
        const message = isAppError(error)
          ? error.message
          : "Another open incident already covers this source; merge into it instead of reopening this one.";
        await settle(tx, changeId, [{ incidentId: item.incidentId, outcome: "FAILED", message }]);
      }
      return 1;
    });
    if (one === 0) break;
    claimed += one;
  }
  return claimed;
}

/** The newest bulk changes (a few), with their progress and first refusals, for the queue page. */
export async function listBulkStatusChanges(
  db: Db,
  { limit = 3, id }: { limit?: number; id?: string } = {},
): Promise<BulkStatusChangeView[]> {
  const changes = await db.bulkStatusChange.findMany({
    where: id ? { id } : { createdAt: { gte: new Date(Date.now() - 24 * 3600_000) } },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return Promise.all(
    changes.map(async (change) => {
      const refused = await db.bulkStatusChangeItem.findMany({
        where: { changeId: change.id, outcome: "FAILED" },
        select: { message: true, incident: { select: { reference: true } } },
        orderBy: { incident: { reference: "asc" } },
        take: 10,
      });
      return {
        id: change.id,
        toStatus: change.toStatus,
        actorLabel: change.actorLabel,
        filters: change.filters,
        total: change.total,
        done: change.done,
        skipped: change.skipped,
        failed: change.failed,
        state: change.state,
        createdAt: change.createdAt,
        finishedAt: change.finishedAt,
        refusals: refused.map((item) => ({ reference: item.incident.reference, message: item.message ?? "" })),
      };
    }),
  );
}
