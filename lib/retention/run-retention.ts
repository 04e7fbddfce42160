import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { deleteExpiredRunFiles } from "@/lib/ingest/delete-expired-run-files";
import { getSettings } from "@/lib/settings/get-settings";
import { RETENTION_KINDS, type RetentionKind, retentionCutoff, retentionPolicy } from "./retention-policy";
import { RETENTION_TARGETS } from "./retention-targets";

/** Rows per transaction: small enough to keep locks short, large enough to move millions in a night. */
export const RETENTION_BATCH_SIZE = 200;

export interface RetentionRunResult {
  runId: string;
  counts: Record<RetentionKind, number> & { rawUploadOrphans: number };
  errors: Array<{ kind: RetentionKind; item: string; message: string }>;
}

/**
 * One retention run: removes or anonymises everything due under the current settings, kind by
 * kind, in batches; each batch is one transaction (a failing batch is rolled back whole, noted in
 * `errors`, and the run goes on with the next). Files on disk are deleted after their run rows are
 * marked, a missing file is no error. Records a `RetentionRun` and one audit entry. A second run
 * finds nothing left to do.
 */
export async function runRetention(
  db: Db,
  {
    now = new Date(),
    trigger = "schedule",
    batchSize = RETENTION_BATCH_SIZE,
    roots,
    uploadsDir,
  }: { now?: Date; trigger?: string; batchSize?: number; roots: string[]; uploadsDir: string },
): Promise<RetentionRunResult> {
  const policy = retentionPolicy(await getSettings(db));
  const run = await db.retentionRun.create({ data: { trigger, policy } });
  const counts = {
    ...(Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, 0])) as Record<RetentionKind, number>),
    rawUploadOrphans: 0,
  };
  const errors: RetentionRunResult["errors"] = [];
  try {
    try {
      const files = await deleteExpiredRunFiles(db, {
        retainDays: policy.rawUploads,
        roots,
        uploadsDir,
        now,
      });
      counts.rawUploads = files.files.length;
      counts.rawUploadOrphans = files.orphans.length;
    } catch (error) {
      errors.push({ kind: "rawUploads", item: "stored file", message: messageOf(error) });
    }
    for (const target of RETENTION_TARGETS) {
      const cutoff = retentionCutoff(now, policy[target.kind]);
      let afterId: string | null = null;
      for (;;) {
        const batch = await target.batch(db, cutoff, afterId, batchSize);
        if (batch.length === 0) break;
        afterId = batch.at(-1)!;
        try {
          counts[target.kind] += await db.$transaction((tx) => target.apply(tx, batch, now), { timeout: 60_000 });
        } catch (error) {
          errors.push({ kind: target.kind, item: target.item, message: messageOf(error) });
        }
      }
    }
  } catch (error) {
    errors.push({ kind: "resolvedIncidents", item: "run", message: messageOf(error) });
    await finish(db, run.id, "FAILED", counts, errors);
    throw error;
  }
  await finish(db, run.id, errors.length ? "PARTIAL" : "SUCCEEDED", counts, errors);
  await recordAudit(db, {
    actor: { label: trigger === "schedule" ? "worker" : trigger },
    action: "retention.run",
    target: { type: "RetentionRun", id: run.id },
    data: { policy, counts, errors: errors.length },
  });
  return { runId: run.id, counts, errors };
}

async function finish(
  db: Db,
  id: string,
  status: "SUCCEEDED" | "PARTIAL" | "FAILED",
  counts: RetentionRunResult["counts"],
  errors: RetentionRunResult["errors"],
): Promise<void> {
  await db.retentionRun.update({ where: { id }, data: { status, counts, errors, finishedAt: new Date() } });
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
