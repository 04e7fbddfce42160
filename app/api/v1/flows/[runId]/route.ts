import { NextResponse } from "next/server";
import { z } from "zod";
import { authenticateApiToken } from "@/lib/api-tokens/api-tokens";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route-handler";
import { getIngestRunReport } from "@/lib/ingest/describe-ingest-run";

export const dynamic = "force-dynamic";

/** A token reads only the runs it sent; another token's run is "not found", like one that never existed. */
export const GET = handleRoute(async (request: Request, { params }: { params: Promise<{ runId: string }> }) => {
  const token = await authenticateApiToken(db, request.headers.get("authorization"), "ingest");
  const runId = z.uuid().safeParse((await params).runId);
  const report = runId.success ? await getIngestRunReport(db, runId.data, { apiTokenId: token.id }) : null;
  if (!report) throw new AppError("NOT_FOUND", "No such ingest run.");
  return NextResponse.json(report);
});
