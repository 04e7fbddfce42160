import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import type { IngestRun, IngestSource } from "@/lib/generated/prisma/client";
import { ensureStream } from "./streams/ensure-stream";
import { DEFAULT_STREAM } from "./streams/stream-name";

export async function sha256OfFile(filePath: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * Registers a flow file for ingest as the next file of its stream (a collector's sequence of
 * files; see docs/detection.md). A file whose content was already ingested successfully
 * becomes a DUPLICATE run pointing at the first one, and is not processed again.
 */
export async function createIngestRun(
  db: Db,
  {
    source,
    filePath,
    fileName,
    createdById,
    apiTokenId,
    stream = DEFAULT_STREAM,
  }: {
    source: IngestSource;
    filePath: string;
    fileName?: string;
    createdById?: string | null;
    apiTokenId?: string | null;
    stream?: string;
  },
): Promise<IngestRun> {
  const info = await stat(filePath);
  if (!info.isFile()) throw new Error(`${filePath} is not a file`);
  const { sha256, bytes } = await sha256OfFile(filePath);
  const streamId = await ensureStream(db, stream);
  const original = await db.ingestRun.findFirst({
    where: { sha256, status: "SUCCEEDED" },
    orderBy: { createdAt: "asc" },
  });
  const name = fileName ?? path.basename(filePath);
  // Kept on every run, duplicates included, so that the retention job finds and deletes the file.
  const storagePath = path.resolve(filePath);
  if (original) {
    const now = new Date();
    return db.ingestRun.create({
      data: {
        source,
        fileName: name,
        storagePath,
        sha256,
        bytes,
        status: "DUPLICATE",
        duplicateOfId: original.id,
        format: original.format,
        createdById,
        apiTokenId,
        streamId,
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
      },
    });
  }
  return db.ingestRun.create({
    data: { source, fileName: name, storagePath, sha256, bytes, createdById, apiTokenId, streamId },
  });
}
