import { NextResponse } from "next/server";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/http/route-handler";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { describeIngestRun } from "@/lib/ingest/describe-ingest-run";
import { parseStreamName } from "@/lib/ingest/streams/stream-name";
import { checkUploadAllowance, declaredLength } from "@/lib/ingest/upload-quota";
import { cleanFileName, storeUpload } from "@/lib/ingest/upload-storage";
import { enqueueIngestRun } from "@/lib/jobs/definitions/process-ingest-run";

export const dynamic = "force-dynamic";

/** An analyst's upload from the ingest page: caller, origin and quota checked first, then the raw body streamed to disk. */
export const POST = staffRoute(async (request, { user, actor, context }) => {
  const { maxBytes } = await checkUploadAllowance(db, {
    uploader: { kind: "user", userId: user.id },
    declaredBytes: declaredLength(request.headers),
  });
  if (!request.body) throw new AppError("INVALID_INPUT", "Choose a flow file to upload.");
  const fileName = cleanFileName(request.headers.get("x-file-name"));
  const stream = parseStreamName(request.headers.get("x-stream"));
  const stored = await storeUpload(request.body, fileName, maxBytes);
  const run = await createIngestRun(db, { source: "UPLOAD", filePath: stored, fileName, createdById: user.id, stream });
  await enqueueIngestRun(run);
  await recordAudit(db, { actor, action: "ingest.upload", target: { type: "IngestRun", id: run.id }, context });
  return NextResponse.json(describeIngestRun(run), { status: 202 });
});
