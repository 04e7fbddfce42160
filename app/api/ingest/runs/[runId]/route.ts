import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/http/route-handler";
import { getIngestRunReport } from "@/lib/ingest/describe-ingest-run";

export const dynamic = "force-dynamic";

export const GET = staffRoute<{ runId: string }>(async (_request, _staff, params) => {
  const runId = z.uuid().safeParse((await params()).runId);
  const report = runId.success ? await getIngestRunReport(db, runId.data) : null;
  if (!report) throw new AppError("NOT_FOUND", "No such ingest run.");
  return NextResponse.json(report);
});
