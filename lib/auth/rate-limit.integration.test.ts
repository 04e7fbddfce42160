import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { consumeRateLimit, pruneRateLimits } from "./rate-limit";

describe("sign-in rate limit", () => {
  it("lets exactly `limit` of many simultaneous attempts through", async () => {
    const rule = { limit: 20, windowSeconds: 900 };
    const now = new Date("2026-11-27T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 30 }, () => consumeRateLimit(db, "test:concurrent", rule, now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(20);
    expect(results.filter((result) => !result.allowed)).toHaveLength(10);
  });

  it("starts counting again in the next window and says how long to wait", async () => {
    const rule = { limit: 2, windowSeconds: 60 };
    const start = new Date("2026-11-27T10:00:10Z");
    await consumeRateLimit(db, "test:window", rule, start);
    await consumeRateLimit(db, "test:window", rule, start);
    const third = await consumeRateLimit(db, "test:window", rule, start);
    expect(third).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    const nextWindow = await consumeRateLimit(db, "test:window", rule, new Date("2026-11-27T10:01:00Z"));
    expect(nextWindow.allowed).toBe(true);
    expect(nextWindow.remaining).toBe(1);
  });

  it("keys are independent and old windows are pruned", async () => {
    const rule = { limit: 1, windowSeconds: 60 };
    const at = new Date("2020-01-01T00:00:00Z");
    expect((await consumeRateLimit(db, "test:a", rule, at)).allowed).toBe(true);
    expect((await consumeRateLimit(db, "test:b", rule, at)).allowed).toBe(true);
    expect(await pruneRateLimits(db, new Date("2021-01-01T00:00:00Z"))).toBe(2);
  });
});

describe("checking without counting", () => {
  it("reports a key over its limit only within the same window", async () => {
    const { isRateLimited } = await import("./rate-limit");
    const rule = { limit: 2, windowSeconds: 60 };
    const at = new Date("2026-11-27T11:00:05Z");
    expect(await isRateLimited(db, "test:peek", rule, at)).toBe(false);
    await consumeRateLimit(db, "test:peek", rule, at);
    expect(await isRateLimited(db, "test:peek", rule, at)).toBe(false);
    await consumeRateLimit(db, "test:peek", rule, at);
    expect(await isRateLimited(db, "test:peek", rule, at)).toBe(true);
    expect(await isRateLimited(db, "test:peek", rule, new Date("2026-11-27T11:01:05Z"))).toBe(false);
  });
});
