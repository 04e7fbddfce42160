import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const DAY_MS = 24 * 3600 * 1000;
const BATCH = 500;
/** The audit entry lists at most this many runs by name (and counts the rest). */
const AUDIT_LIST_LIMIT = 200;

export interface DeletedRunFile {
  runId: string;
  fileName: string;
  bytes: number;
}

export interface RunFileDeletion {
  files: DeletedRunFile[];
  bytes: number;
  /** Files in the uploads folder no run refers to (an upload whose run was never registered). */
  orphans: string[];
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The runs whose stored file is due for deletion: finished (succeeded, failed or duplicate) before
 * the cutoff, not a CLI run, file not yet deleted, and no evidence on an incident under legal hold.
 * The retention preview counts with the same condition (lib/retention).
 */
export function expiredRunFilesWhere(cutoff: Date): Prisma.IngestRunWhereInput {
  return {
    status: { in: ["SUCCEEDED", "FAILED", "DUPLICATE"] },
    source: { not: "CLI" },
    storagePath: { not: null },
    fileDeletedAt: null,
    finishedAt: { lt: cutoff },
    evidence: { none: { incident: { legalHold: true } } },
  };
}

/**
 * Deletes the stored files of runs that finished more than `retainDays` ago — succeeded,
 * failed and duplicate runs alike; a queued or running run is never touched — and notes on
 * each run when its file went. Only files inside `roots` (the uploads folder and the drop
 * folder) are ours to delete: a CLI run's file is the caller's own and stays. Unreferenced
 * files in `uploadsDir` older than the retention go too. One audit entry says what was removed.
 * Safe to run twice or in two workers at once: a run is marked once, a missing file is no error.
 */
export async function deleteExpiredRunFiles(
  db: Db,
  {
    retainDays,
    roots,
    uploadsDir,
    now = new Date(),
  }: { retainDays: number; roots: string[]; uploadsDir: string; now?: Date },
): Promise<RunFileDeletion> {
  const cutoff = new Date(now.getTime() - retainDays * DAY_MS);
  const ownRoots = roots.map((root) => path.resolve(root));
  const deletion: RunFileDeletion = { files: [], bytes: 0, orphans: [] };
  let afterId: string | undefined;
  for (;;) {
    const runs = await db.ingestRun.findMany({
      where: { ...expiredRunFilesWhere(cutoff), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, fileName: true, storagePath: true, bytes: true },
    });
    if (runs.length === 0) break;
    afterId = runs.at(-1)!.id;
    for (const run of runs) {
      const file = path.resolve(run.storagePath!);
      if (!ownRoots.some((root) => isInside(root, file))) continue;
      // Marked first, deleted after: a file whose mark failed stays (and is tried again); a file whose
      // deletion failed after the mark is unreferenced and goes with the orphan sweep.
      const marked = await db.ingestRun.updateMany({
        where: { id: run.id, fileDeletedAt: null },
        data: { storagePath: null, fileDeletedAt: now },
      });
      if (marked.count === 0) continue;
      await rm(file, { force: true });
      await rm(`${file}.error.txt`, { force: true });
      deletion.files.push({ runId: run.id, fileName: run.fileName, bytes: Number(run.bytes) });
      deletion.bytes += Number(run.bytes);
    }
  }
  deletion.orphans = await deleteOrphanedUploads(db, uploadsDir, cutoff);
  if (deletion.files.length > 0 || deletion.orphans.length > 0) {
    await recordAudit(db, {
      actor: { label: "worker" },
      action: "ingest.files.delete",
      data: {
        retainDays,
        files: deletion.files.length,
        bytes: deletion.bytes,
        runs: deletion.files
          .slice(0, AUDIT_LIST_LIMIT)
          .map(({ runId, fileName, bytes }) => ({ runId, fileName, bytes })),
        unlisted: Math.max(0, deletion.files.length - AUDIT_LIST_LIMIT),
        orphans: deletion.orphans.slice(0, AUDIT_LIST_LIMIT),
      },
    });
  }
  return deletion;
}

/** Files in the uploads folder older than the cutoff that no run refers to. */
async function deleteOrphanedUploads(db: Db, uploadsDir: string, cutoff: Date): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(uploadsDir, { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(path.resolve(uploadsDir), name);
    const info = await stat(file).catch(() => null);
    if (!info || info.mtime >= cutoff) continue;
    if (await db.ingestRun.findFirst({ where: { storagePath: file }, select: { id: true } })) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}
