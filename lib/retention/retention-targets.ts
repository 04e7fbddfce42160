import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEventType } from "@/lib/generated/prisma/enums";
import { TIMELINE_TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { expiredRunFilesWhere } from "@/lib/ingest/delete-expired-run-files";
import type { RetentionKind } from "./retention-policy";

/**
 * What the retention job removes, table by table, and the one place that says which rows are
 * due: the preview (`previewRetention`) measures with `measure`, the job (`runRetention`) takes
 * `batch` after `batch` and `apply`s each in a transaction. Both build their condition with the
 * same `where`, so the preview cannot drift from what the job does.
 *
 * Nothing that belongs to an incident under legal hold, or to one that is not resolved or
 * closed, is ever due (`releasable`).
 */
export interface RetentionTarget {
  kind: RetentionKind;
  /** What one item is, for the preview ("evidence file", "audit entry"). */
  item: string;
  measure(db: Db | Tx, cutoff: Date): Promise<{ count: number; oldest: Date | null }>;
  /** The next ids due after `afterId` (ascending), at most `take`. */
  batch(db: Db | Tx, cutoff: Date, afterId: string | null, take: number): Promise<string[]>;
  /** Removes or anonymises these rows; returns how many changed. Runs inside the batch's transaction. */
  apply(tx: Tx, ids: string[], now: Date): Promise<number>;
}

/** Incidents whose data may go: resolved or closed, and not under legal hold. */
export const releasable = {
  status: { in: ["RESOLVED", "CLOSED"] },
  legalHold: false,
} satisfies Prisma.IncidentWhereInput;

/** What a removed text reads as. */
export const REMOVED_TEXT = "(removed after the retention period)";

const FLOW_EVIDENCE_KINDS = ["FLOW_SAMPLE", "FLOW_LIST", "THIRD_PARTY_LOG"] as const;

type Measured = { count: number; oldest: Date | null };

/**
 * A target on a table with uuid ids: `where` is its condition; `measure` and `findIds` only say
 * how to ask that table (Prisma's delegates share no type); paging by id is done here.
 */
function tableTarget<W extends object>(spec: {
  kind: RetentionKind;
  item: string;
  where: (cutoff: Date) => W;
  measure: (db: Db | Tx, where: W) => Promise<Measured>;
  findIds: (db: Db | Tx, where: W, take: number) => Promise<Array<{ id: string }>>;
  apply: RetentionTarget["apply"];
}): RetentionTarget {
  return {
    kind: spec.kind,
    item: spec.item,
    measure: (db, cutoff) => spec.measure(db, spec.where(cutoff)),
    async batch(db, cutoff, afterId, take) {
      const where = { ...spec.where(cutoff), ...(afterId ? { id: { gt: afterId } } : {}) };
      return (await spec.findIds(db, where, take)).map((row) => row.id);
    },
    apply: spec.apply,
  };
}

const byId = { orderBy: { id: "asc" }, select: { id: true } } as const;

function evidenceTarget(kind: RetentionKind, item: string, kinds: Prisma.EvidenceWhereInput["kind"]): RetentionTarget {
  return tableTarget({
    kind,
    item,
    where: (cutoff): Prisma.EvidenceWhereInput => ({ kind: kinds, createdAt: { lt: cutoff }, incident: releasable }),
    async measure(db, where) {
      const found = await db.evidence.aggregate({ where, _count: true, _min: { createdAt: true } });
      return { count: found._count, oldest: found._min.createdAt };
    },
    findIds: (db, where, take) => db.evidence.findMany({ where, take, ...byId }),
    async apply(tx, batch) {
      return (await tx.evidence.deleteMany({ where: { id: { in: batch } } })).count;
    },
  });
}

const flowKeysTarget = tableTarget({
  kind: "flowEvidence",
  item: "set of flow keys",
  where: (cutoff): Prisma.IncidentFlowKeysWhereInput => ({ createdAt: { lt: cutoff }, incident: releasable }),
  async measure(db, where) {
    const found = await db.incidentFlowKeys.aggregate({ where, _count: true, _min: { createdAt: true } });
    return { count: found._count, oldest: found._min.createdAt };
  },
  findIds: (db, where, take) => db.incidentFlowKeys.findMany({ where, take, ...byId }),
  async apply(tx, batch) {
    return (await tx.incidentFlowKeys.deleteMany({ where: { id: { in: batch } } })).count;
  },
});

/** Rejected input lines kept on a run as samples (they hold addresses). */
const rejectedSamplesTarget = tableTarget({
  kind: "flowEvidence",
  item: "ingest run's rejected-line samples",
  where: (cutoff): Prisma.IngestRunWhereInput => ({
    rejectedSamples: { not: Prisma.DbNull },
    finishedAt: { lt: cutoff },
  }),
  async measure(db, where) {
    const found = await db.ingestRun.aggregate({ where, _count: true, _min: { finishedAt: true } });
    return { count: found._count, oldest: found._min.finishedAt };
  },
  findIds: (db, where, take) => db.ingestRun.findMany({ where, take, ...byId }),
  async apply(tx, batch) {
    const cleared = await tx.ingestRun.updateMany({
      where: { id: { in: batch } },
      data: { rejectedSamples: Prisma.DbNull },
    });
    return cleared.count;
  },
});

/** Incoming mail: text, folded text, raw bytes, sender's name, attachment list. Mail on no incident goes too. */
const inboundMailTarget = tableTarget({
  kind: "mailBodies",
  item: "incoming message",
  where: (cutoff): Prisma.InboundMailWhereInput => ({
    bodyPurgedAt: null,
    receivedAt: { lt: cutoff },
    OR: [{ incidentId: null }, { incident: releasable }],
  }),
  async measure(db, where) {
    const found = await db.inboundMail.aggregate({ where, _count: true, _min: { receivedAt: true } });
    return { count: found._count, oldest: found._min.receivedAt };
  },
  findIds: (db, where, take) => db.inboundMail.findMany({ where, take, ...byId }),
  async apply(tx, batch, now) {
    const purged = await tx.inboundMail.updateMany({
      where: { id: { in: batch } },
      data: {
        text: REMOVED_TEXT,
        foldedText: null,
        raw: null,
        fromName: null,
        authResults: null,
        attachments: Prisma.DbNull,
        bodyPurgedAt: now,
      },
    });
    // The timeline entry that shows the reply carries its text too.
    await tx.$executeRaw`
      UPDATE "TimelineEvent" SET "message" = ${`Mail received ${REMOVED_TEXT}`}
      WHERE "type" = 'MAIL_RECEIVED' AND "data"->>'inboundMailId' IN (${Prisma.join(batch)})`;
    return purged.count;
  },
});

/** Analysts' messages (the body they wrote) and the timeline entries that show them. */
const analystMessageTarget = tableTarget({
  kind: "mailBodies",
  item: "message written by an analyst",
  where: (cutoff): Prisma.NotificationWhereInput => ({
    body: { not: null },
    createdAt: { lt: cutoff },
    incident: releasable,
  }),
  async measure(db, where) {
    const found = await db.notification.aggregate({ where, _count: true, _min: { createdAt: true } });
    return { count: found._count, oldest: found._min.createdAt };
  },
  findIds: (db, where, take) => db.notification.findMany({ where, take, ...byId }),
  async apply(tx, batch) {
    await tx.$executeRaw`
      UPDATE "TimelineEvent" SET "message" = ${`Mail sent ${REMOVED_TEXT}`}
      WHERE "type" = 'MAIL_SENT' AND "data"->>'notificationId' IN (${Prisma.join(batch)})`;
    return (await tx.notification.updateMany({ where: { id: { in: batch } }, data: { body: null } })).count;
  },
});

const auditLogTarget: RetentionTarget = {
  kind: "auditLog",
  item: "audit entry",
  async measure(db, cutoff) {
    const found = await db.auditLog.aggregate({ where: { at: { lt: cutoff } }, _count: true, _min: { at: true } });
    return { count: found._count, oldest: found._min.at };
  },
  async batch(db, cutoff, afterId, take) {
    const rows = await db.auditLog.findMany({
      where: { at: { lt: cutoff }, ...(afterId ? { id: { gt: BigInt(afterId) } } : {}) },
      orderBy: { id: "asc" },
      take,
      select: { id: true },
    });
    return rows.map((row) => row.id.toString());
  },
  async apply(tx, batch) {
    return (await tx.auditLog.deleteMany({ where: { id: { in: batch.map((id) => BigInt(id)) } } })).count;
  },
};

/** Resolved or closed incidents, counted from when they were closed (or resolved, if never closed). */
function dueIncidentsWhere(cutoff: Date): Prisma.IncidentWhereInput {
  return {
    ...releasable,
    anonymisedAt: null,
    OR: [{ closedAt: { lt: cutoff } }, { closedAt: null, resolvedAt: { lt: cutoff } }],
  };
}

const resolvedIncidentsTarget = tableTarget({
  kind: "resolvedIncidents",
  item: "incident",
  where: dueIncidentsWhere,
  async measure(db, where) {
    const [count, oldestClosed, oldestResolved] = await Promise.all([
      db.incident.count({ where }),
      db.incident.aggregate({ where, _min: { closedAt: true } }),
      db.incident.aggregate({ where: { ...where, closedAt: null }, _min: { resolvedAt: true } }),
    ]);
    const dates = [oldestClosed._min.closedAt, oldestResolved._min.resolvedAt].filter((date) => date !== null);
    return { count, oldest: dates.length ? new Date(Math.min(...dates.map((date) => date.getTime()))) : null };
  },
  findIds: (db, where, take) => db.incident.findMany({ where, take, ...byId }),
  apply: anonymiseIncidents,
});

/**
 * Anonymises incidents in the caller's transaction. Kept: type, status, severity, organisation,
 * block, port, protocol, first/last seen, flow count, distinct targets, root cause, round,
 * dates. The source address becomes its network (/24 for IPv4, /48 for IPv6; see ADR 0009);
 * gone: evidence, flow keys, response links, the summary and resolution text, who resolved it,
 * every timeline text, contact addresses and texts on its notices, and its mail's text and senders.
 * Conditional on `anonymisedAt IS NULL` and still releasable, so two runs never do it twice and a
 * hold set meanwhile wins.
 */
async function anonymiseIncidents(tx: Tx, batch: string[], now: Date): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ id: string; prefix: string }>>`
    UPDATE "Incident"
    SET "sourceIp" = network(set_masklen("sourceIp", CASE WHEN family("sourceIp") = 4 THEN 24 ELSE 48 END)),
        "resolutionNote" = NULL, "resolvedBy" = NULL, "anonymisedAt" = ${now}, "updatedAt" = ${now}
    WHERE "id"::text IN (${Prisma.join(batch)}) AND "anonymisedAt" IS NULL AND NOT "legalHold"
      AND "status" IN ('RESOLVED', 'CLOSED')
    RETURNING "id"::text AS "id", abbrev("sourceIp") AS "prefix"`;
  if (rows.length === 0) return 0;
  const done = rows.map((row) => row.id);
  for (const row of rows) {
    await tx.incident.update({
      where: { id: row.id },
      data: { summary: `Anonymised after the retention period: a source in ${row.prefix}.` },
    });
  }
  await tx.evidence.deleteMany({ where: { incidentId: { in: done } } });
  await tx.incidentFlowKeys.deleteMany({ where: { incidentId: { in: done } } });
  await tx.responseToken.deleteMany({ where: { incidentId: { in: done } } });
  for (const type of Object.keys(TIMELINE_TYPE_LABEL) as TimelineEventType[]) {
    await tx.timelineEvent.updateMany({
      where: { incidentId: { in: done }, type },
      data: { message: `${TIMELINE_TYPE_LABEL[type]} ${REMOVED_TEXT}`, data: Prisma.DbNull },
    });
  }
  await tx.timelineEvent.updateMany({
    where: { incidentId: { in: done }, actorKind: "INSTITUTION" },
    data: { actorLabel: "institution", actorId: null },
  });
  await tx.notification.updateMany({
    where: { incidentId: { in: done } },
    data: {
      toAddress: "",
      contactId: null,
      body: null,
      subject: null,
      smtpResponse: null,
      lastError: null,
      bounceDiagnostic: null,
    },
  });
  await tx.inboundMail.updateMany({
    where: { incidentId: { in: done } },
    data: {
      text: REMOVED_TEXT,
      foldedText: null,
      raw: null,
      fromAddress: "",
      fromName: null,
      subject: "",
      authResults: null,
      attachments: Prisma.DbNull,
      contactId: null,
      bodyPurgedAt: now,
    },
  });
  return rows.length;
}

/** Every table the job works through, per kind, in order (raw files are deleted by `deleteExpiredRunFiles`). */
export const RETENTION_TARGETS: RetentionTarget[] = [
  evidenceTarget("flowEvidence", "evidence file", { in: [...FLOW_EVIDENCE_KINDS] }),
  flowKeysTarget,
  rejectedSamplesTarget,
  evidenceTarget("attachments", "file", "FILE"),
  inboundMailTarget,
  analystMessageTarget,
  auditLogTarget,
  resolvedIncidentsTarget,
];

/** The raw files: the same condition `deleteExpiredRunFiles` works through. */
export async function measureRawUploads(db: Db | Tx, cutoff: Date): Promise<{ count: number; oldest: Date | null }> {
  const found = await db.ingestRun.aggregate({
    where: expiredRunFilesWhere(cutoff),
    _count: true,
    _min: { finishedAt: true },
  });
  return { count: found._count, oldest: found._min.finishedAt };
}
