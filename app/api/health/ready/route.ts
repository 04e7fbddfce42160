import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/route-handler";
import { checkReadiness } from "@/lib/observability/check-readiness";
import { logger } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer or orchestrator: 503 while the database, queue or mail relay is unreachable. */
export const GET = publicRoute(async () => {
  const readiness = await checkReadiness(db);
  // Anyone may ask, so the answer says what is down, not why (the reason goes to the log).
  if (!readiness.ready) logger.warn({ checks: readiness.checks }, "not ready");
  const checks = Object.fromEntries(
    Object.entries(readiness.checks).map(([name, check]) => [name, { ok: check.ok, ms: check.ms }]),
  );
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not ready", checks },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});
