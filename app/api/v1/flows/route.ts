import { NextResponse } from "next/server";
import { authenticateApiToken } from "@/lib/api-tokens/api-tokens";
import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route-handler";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { cleanFileName, storeUpload } from "@/lib/ingest/upload-storage";
import { parseStreamName } from "@/lib/ingest/streams/stream-name";
import { enqueueIngestRun } from "@/lib/jobs/definitions/process-ingest-run";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/flows — a flow file as the raw body (gzip welcome), name in ?name= or
 * X-File-Name; the collector's stream in ?stream= or X-Stream (default "default"). Answers 202 with
 * the run id; the worker ingests it after the stream's earlier files. GET /api/v1/flows/{id} for its state.
 */
export const POST = handleRoute(async (request: Request) => {
  const token = await authenticateApiToken(db, request.headers.get("authorization"), "ingest");
  if (!request.body) throw new AppError("INVALID_INPUT", "Send the flow file as the request body.");
  const query = new URL(request.url).searchParams;
  const stream = parseStreamName(query.get("stream") ?? request.headers.get("x-stream"));
  const fileName = cleanFileName(query.get("name") ?? request.headers.get("x-file-name"));
  const stored = await storeUpload(request.body, fileName);
  const run = await createIngestRun(db, { source: "API", filePath: stored, fileName, stream });
  await enqueueIngestRun(run);
  await recordAudit(db, { actor: { label: `token:${token.name}` }, action: "ingest.api", target: { type: "IngestRun", id: run.id }, context: requestContext(request.headers) });
  return NextResponse.json(
    { runId: run.id, status: run.status, sha256: run.sha256, bytes: Number(run.bytes), duplicateOf: run.duplicateOfId, statusUrl: `/api/v1/flows/${run.id}` },
    { status: 202 },
  );
});
