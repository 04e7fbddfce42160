/**
 * The job queue (pg-boss) on the product's own PostgreSQL: in the embedded setup it shares
 * the process's PGlite instance; against a server, each process opens a small pool.
 */
import { fromPglite, fromPrisma, PgBoss, type SendOptions } from "pg-boss";
import type { Tx } from "@/lib/db/client";
import { openEmbeddedDatabase } from "@/lib/db/pglite";
import { resolveDatabaseTarget } from "@/lib/db/target";
import type { JobDefinition } from "./define-job";

const holder = globalThis as unknown as {
  __csirtQueue?: Promise<PgBoss>;
  __csirtQueuesCreated?: Map<string, Promise<void>>;
};

export interface QueueRole {
  /** Workers run maintenance and schedules; senders only enqueue. */
  role: "worker" | "sender";
}

function createBoss({ role }: QueueRole): PgBoss {
  const target = resolveDatabaseTarget();
  const background = role === "worker";
  // Supervision every 10 s: a job whose worker died (no heartbeat) is retried within half a minute.
  const common = {
    supervise: background,
    schedule: background,
    migrate: true,
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  } as const;
  if (target.kind === "pglite") {
    return new PgBoss({ ...common, db: fromPglite(openEmbeddedDatabase(target.dataDir)) });
  }
  return new PgBoss({ ...common, connectionString: target.url, max: 4, application_name: `csirt-${role}` });
}

export function getQueue(options: QueueRole = { role: "sender" }): Promise<PgBoss> {
  holder.__csirtQueue ??= (async () => {
    const boss = createBoss(options);
    boss.on("error", (error) => console.error("[queue]", error));
    await boss.start();
    holder.__csirtQueuesCreated = new Map();
    return boss;
  })().catch((error: unknown) => {
    holder.__csirtQueue = undefined;
    throw error;
  });
  return holder.__csirtQueue;
}

/** Creates a job type's queue once per process (createQueue is idempotent across processes). */
export function ensureQueue(boss: PgBoss, definition: JobDefinition<never> | JobDefinition<unknown>): Promise<void> {
  holder.__csirtQueuesCreated ??= new Map();
  const created = holder.__csirtQueuesCreated;
  let pending = created.get(definition.name);
  if (!pending) {
    pending = boss.createQueue(definition.name, {
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
      ...definition.queue,
    });
    created.set(definition.name, pending);
    pending.catch(() => created.delete(definition.name));
  }
  return pending;
}

export async function stopQueue(): Promise<void> {
  const pending = holder.__csirtQueue;
  holder.__csirtQueue = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}

/**
 * Enqueues a job after validating its payload. Pass `tx` to enqueue inside a Prisma transaction,
 * so the job exists exactly when the data it is about does.
 */
export async function enqueue<TPayload>(
  definition: JobDefinition<TPayload>,
  payload: TPayload,
  options: Omit<SendOptions, "db"> & { tx?: Tx } = {},
): Promise<string | null> {
  const data = definition.schema.parse(payload) as object;
  const { tx, ...sendOptions } = options;
  const boss = await getQueue();
  await ensureQueue(boss, definition as JobDefinition<unknown>);
  return boss.send(definition.name, data, { ...sendOptions, ...(tx ? { db: fromPrisma(tx as never) } : {}) });
}
