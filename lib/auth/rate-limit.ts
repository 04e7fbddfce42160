import type { Db } from "@/lib/db/client";

export interface RateLimitRule {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter kept in PostgreSQL, so every web process shares it. One atomic
 * upsert per attempt: a new window resets the count, otherwise it increments.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const rows = await db.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" = EXCLUDED."windowStart" THEN "RateLimitBucket"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000);
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Whether the key is already over its limit in the current window, without counting an attempt. */
export async function isRateLimited(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  return bucket !== null && bucket.windowStart.getTime() === windowStart.getTime() && bucket.count >= rule.limit;
}

export async function pruneRateLimits(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: olderThan } } });
  return count;
}

export const SIGN_IN_RULES = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
  emailLinkPerAccount: { limit: 5, windowSeconds: 15 * 60 },
  emailLinkPerAddress: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

/** The buckets a staff sign-in counts against: wrong passwords and wrong second-factor codes alike. */
export function signInAccountKey(email: string): string {
  return `signin:account:${email.trim().toLowerCase()}`;
}

export function signInAddressKey(ip: string | null | undefined): string {
  return `signin:ip:${ip ?? "unknown"}`;
}
