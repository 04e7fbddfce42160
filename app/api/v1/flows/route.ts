import { NextResponse } from "next/server";
import { authenticateApiToken } from "@/lib/api-tokens/api-tokens";
import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route-handler";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { cleanFileName, storeUpload } from "@/lib/ingest/upload-storage";
import { processIngestRunJob } from "@/lib/jobs/definitions/process-ingest-run";
import { enqueue } from "@/lib/jobs/queue";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/flows — a flow file as the raw body (gzip welcome), name in ?name= or
 * X-File-Name. Answers 202 with the run id; the worker ingests it. GET /api/v1/flows/{id} for its state.
 */
export const POST = handleRoute(async (request: Request) => {
  const token = await authenticateApiToken(db, request.headers.get("authorization"), "ingest");
  if (!request.body) throw new AppError("INVALID_INPUT", "Send the flow file as the request body.");
  const fileName = cleanFileName(new URL(request.url).searchParams.get("name") ?? request.headers.get("x-file-name"));
  const stored = await storeUpload(request.body, fileName);
  const run = await createIngestRun(db, { source: "API", filePath: stored, fileName });
  if (run.status === "QUEUED") await enqueue(processIngestRunJob, { runId: run.id }, { singletonKey: run.id });
  await recordAudit(db, { actor: { label: `token:${token.name}` }, action: "ingest.api", target: { type: "IngestRun", id: run.id }, context: requestContext(request.headers) });
  return NextResponse.json(
    { runId: run.id, status: run.status, sha256: run.sha256, bytes: Number(run.bytes), duplicateOf: run.duplicateOfId, statusUrl: `/api/v1/flows/${run.id}` },
    { status: 202 },
  );
});
