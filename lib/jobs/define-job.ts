import type { Queue } from "pg-boss";
import type { z } from "zod";

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. Delivery is at-least-once: handlers must be idempotent. */
  retryCount: number;
  signal: AbortSignal;
}

export interface JobDefinition<TPayload> {
  name: string;
  schema: z.ZodType<TPayload>;
  handler: (payload: TPayload, context: JobContext) => Promise<void>;
  queue?: Omit<Queue, "name">;
  /** Cron expression (UTC) when the job also runs on a schedule, with an empty payload. */
  cron?: string;
  /** How many jobs one worker process takes at a time. */
  concurrency?: number;
}

export function defineJob<TPayload>(definition: JobDefinition<TPayload>): JobDefinition<TPayload> {
  return definition;
}

// The registry holds definitions of every payload type; each checks its own payload with its schema.
// biome-ignore lint/suspicious/noExplicitAny: a list of definitions of different payload types; each parses its own payload.
export type AnyJobDefinition = JobDefinition<any>;
