import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { apiTokenRoute } from "@/lib/http/route-handler";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { checkUploadAllowance, declaredLength } from "@/lib/ingest/upload-quota";
import { cleanFileName, storeUpload } from "@/lib/ingest/upload-storage";
import { parseStreamName } from "@/lib/ingest/streams/stream-name";
import { enqueueIngestRun } from "@/lib/jobs/definitions/process-ingest-run";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/flows — a flow file as the raw body (gzip welcome), name in ?name= or
 * X-File-Name; the collector's stream in ?stream= or X-Stream (default "default"). The token, its
 * quota and the declared size are checked before the body is read. Answers 202 with the run id;
 * the worker ingests it after the stream's earlier files. GET /api/v1/flows/{id} for its state.
 */
export const POST = apiTokenRoute("ingest", async (request, { token, actor, context }) => {
  const uploader = { kind: "token", tokenId: token.id } as const;
  const { maxBytes } = await checkUploadAllowance(db, { uploader, declaredBytes: declaredLength(request.headers) });
  if (!request.body) throw new AppError("INVALID_INPUT", "Send the flow file as the request body.");
  const query = new URL(request.url).searchParams;
  const stream = parseStreamName(query.get("stream") ?? request.headers.get("x-stream"));
  const fileName = cleanFileName(query.get("name") ?? request.headers.get("x-file-name"));
  const stored = await storeUpload(request.body, fileName, maxBytes);
  const run = await createIngestRun(db, { source: "API", filePath: stored, fileName, apiTokenId: token.id, stream });
  await enqueueIngestRun(run);
  await recordAudit(db, { actor, action: "ingest.api", target: { type: "IngestRun", id: run.id }, context });
  const { id: runId, status, sha256, bytes, duplicateOfId: duplicateOf } = run;
  return NextResponse.json(
    { runId, status, sha256, bytes: Number(bytes), duplicateOf, statusUrl: `/api/v1/flows/${runId}` },
    { status: 202 },
  );
});
