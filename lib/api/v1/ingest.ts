/** /api/v1/flows (collectors send flow files) and /api/v1/ingest-runs (every run, staff tokens). */
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { getIngestRunReport, listRecentIngestRuns } from "@/lib/ingest/describe-ingest-run";
import { checkUploadAllowance, declaredLength } from "@/lib/ingest/upload-quota";
import { cleanFileName, storeUpload } from "@/lib/ingest/upload-storage";
import { parseStreamName } from "@/lib/ingest/streams/stream-name";
import { enqueueIngestRun } from "@/lib/jobs/definitions/process-ingest-run";
import { defineOperation } from "../api-operation";

const nullableIso = z.iso.datetime().nullable();

export const ZIngestRunSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  stream: z.string().nullable(),
  file: z.string(),
  sha256: z.string().nullable(),
  format: z.string().nullable(),
  status: z.enum(["queued", "running", "succeeded", "failed", "duplicate"]),
  duplicateOf: z.uuid().nullable(),
  bytes: z.number(),
  progress: z.number(),
  lines: z.number().int(),
  flows: z.number().int(),
  flowsCounted: z.number().int().nullable(),
  flowsRepeated: z.number().int(),
  rejected: z.number().int(),
  rejectedSamples: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  dataStart: nullableIso,
  dataEnd: nullableIso,
  late: z.boolean(),
  notes: z.array(z.string()),
  incidentsCreated: z.number().int(),
  incidentsUpdated: z.number().int(),
  incidentsReopened: z.number().int(),
  error: z.string().nullable(),
  startedAt: nullableIso,
  finishedAt: nullableIso,
  durationMs: z.number().int().nullable(),
  fileDeletedAt: nullableIso,
  fileKeptDays: z.number().int().nullable(),
});

export const listIngestRuns = defineOperation({
  id: "listIngestRuns",
  method: "GET",
  path: "/ingest-runs",
  tag: "Ingest",
  summary: "List recent ingest runs",
  description: "Every way in (drop folder, upload, API, command line), newest first.",
  scope: "ingest:read",
  audiences: ["staff"],
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  responses: { 200: { description: "The runs.", schema: z.object({ items: z.array(ZIngestRunSchema) }) } },
  handler: async ({ query }) => ({
    status: 200,
    body: { items: await listRecentIngestRuns(db, { take: query.limit }) },
  }),
});

export const sendFlows = defineOperation({
  id: "sendFlows",
  method: "POST",
  path: "/flows",
  tag: "Ingest",
  summary: "Send a flow file",
  description:
    "The file as the raw body (gzip welcome); its name in ?name= or X-File-Name, the collector's stream in ?stream= or " +
    'X-Stream (default "default"). The token\'s quota and the declared size are checked before the body is read. ' +
    "The worker ingests it after the stream's earlier files; follow it at statusUrl.",
  scope: "ingest",
  audiences: ["staff"],
  query: z.strictObject({ name: z.string().max(255).optional(), stream: z.string().max(100).optional() }),
  body: {
    kind: "raw",
    contentType: "application/octet-stream",
    description: "The flow file (any supported format, or gzip).",
  },
  problems: [413, 429],
  responses: {
    202: {
      description: "Accepted; queued for the worker.",
      schema: z.object({
        runId: z.uuid(),
        status: z.string(),
        sha256: z.string().nullable(),
        bytes: z.number(),
        duplicateOf: z.uuid().nullable(),
        statusUrl: z.string(),
      }),
    },
  },
  handler: async ({ query, request }, { token, context }) => {
    const uploader = { kind: "token", tokenId: token.id } as const;
    const { maxBytes } = await checkUploadAllowance(db, { uploader, declaredBytes: declaredLength(request.headers) });
    if (!request.body) throw new AppError("INVALID_INPUT", "Send the flow file as the request body.");
    const stream = parseStreamName(query.stream ?? request.headers.get("x-stream"));
    const fileName = cleanFileName(query.name ?? request.headers.get("x-file-name"));
    const stored = await storeUpload(request.body, fileName, maxBytes);
    const run = await createIngestRun(db, { source: "API", filePath: stored, fileName, apiTokenId: token.id, stream });
    await enqueueIngestRun(run);
    await recordAudit(db, {
      actor: { label: `token:${token.name}` },
      action: "ingest.api",
      target: { type: "IngestRun", id: run.id },
      context,
    });
    const { id: runId, status, sha256, bytes, duplicateOfId: duplicateOf } = run;
    return {
      status: 202,
      body: { runId, status, sha256, bytes: Number(bytes), duplicateOf, statusUrl: `/api/v1/flows/${runId}` },
    };
  },
});

export const getFlowRun = defineOperation({
  id: "getFlowRun",
  method: "GET",
  path: "/flows/{runId}",
  tag: "Ingest",
  summary: "Follow a flow file sent with this token",
  description: "A token reads only the runs it sent; another token's run is 404, like one that never existed.",
  scope: "ingest",
  audiences: ["staff"],
  params: z.strictObject({ runId: z.uuid() }),
  responses: {
    200: {
      description: "The run, with its stream's health.",
      schema: ZIngestRunSchema.extend({ streamHealth: z.looseObject({ name: z.string() }).nullable() }),
    },
  },
  handler: async ({ params }, { token }) => {
    const report = await getIngestRunReport(db, params.runId, { apiTokenId: token.id });
    if (!report) throw new AppError("NOT_FOUND", "No such ingest run.");
    return { status: 200, body: report };
  },
});
