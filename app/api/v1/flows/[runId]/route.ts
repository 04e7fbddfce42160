import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { apiTokenRoute } from "@/lib/http/route-handler";
import { getIngestRunReport } from "@/lib/ingest/describe-ingest-run";

export const dynamic = "force-dynamic";

/** A token reads only the runs it sent; another token's run is "not found", like one that never existed. */
export const GET = apiTokenRoute<{ runId: string }>("ingest", async (_request, { token }, params) => {
  const runId = z.uuid().safeParse((await params()).runId);
  const report = runId.success ? await getIngestRunReport(db, runId.data, { apiTokenId: token.id }) : null;
  if (!report) throw new AppError("NOT_FOUND", "No such ingest run.");
  return NextResponse.json(report);
});
