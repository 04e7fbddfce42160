/**
 * The worker only dispatches: each job type's handler lives beside its domain code in lib/.
 */
import type { PgBoss } from "pg-boss";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import { ensureQueue } from "@/lib/jobs/queue";
import { JOB_DEFINITIONS, RETIRED_SCHEDULES } from "@/lib/jobs/registry";

export async function runWorker(boss: PgBoss, definitions: AnyJobDefinition[] = JOB_DEFINITIONS): Promise<void> {
  for (const definition of definitions) {
    await ensureQueue(boss, definition);
    await boss.work<unknown>(
      definition.name,
      { batchSize: 1, localConcurrency: definition.concurrency ?? 1, pollingIntervalSeconds: 1 },
      async ([job]) => {
        if (!job) return;
        const payload = definition.schema.safeParse(job.data ?? {});
        if (!payload.success) {
          // A payload that does not validate will not validate on retry either.
          console.error(`[worker] ${definition.name} ${job.id}: invalid payload`, payload.error.issues);
          return;
        }
        try {
          await definition.handler(payload.data, { jobId: job.id, retryCount: job.retryCount, signal: job.signal });
        } catch (error) {
          // pg-boss retries it; say why, or a failing job is invisible.
          console.error(`[worker] ${definition.name} ${job.id} attempt ${job.retryCount + 1} failed:`, error);
          throw error;
        }
      },
    );
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: "UTC" });
  }
  for (const name of RETIRED_SCHEDULES) {
    if ((await boss.getSchedules(name)).length > 0) await boss.unschedule(name);
  }
}
