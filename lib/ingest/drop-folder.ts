import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { env, type TEnv } from "@/lib/env";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { createIngestRun } from "./create-ingest-run";

/**
 * The drop folder: collectors (nfcapd, Zeek, rwcut jobs) write finished files into the inbox;
 * the worker claims each by renaming it into processing/, and files end in done/ or failed/.
 */
export function dropFolderPaths(inbox: string) {
  return { inbox, processing: path.join(inbox, "processing"), done: path.join(inbox, "done"), failed: path.join(inbox, "failed") };
}

export function defaultInboxDir({ INBOX_DIR, DATA_DIR }: Pick<TEnv, "INBOX_DIR" | "DATA_DIR"> = env()): string {
  return path.resolve(INBOX_DIR?.trim() || path.join(DATA_DIR.trim() || ".data", "inbox"));
}

/** Files still being written are left alone: hidden files, nfcapd's current file, temporary names. */
function isCandidateName(name: string): boolean {
  return !name.startsWith(".") && !name.startsWith("nfcapd.current") && !/\.(tmp|part|partial|swp)$/i.test(name);
}

const SETTLE_MS = 2_000;

export async function ensureDropFolder(inbox: string): Promise<void> {
  const paths = dropFolderPaths(inbox);
  for (const dir of Object.values(paths)) await mkdir(dir, { recursive: true });
}

/** Claims settled files in the inbox and registers an ingest run for each. */
export async function claimInboxFiles(db: Db, inbox: string, now = Date.now()): Promise<IngestRun[]> {
  const paths = dropFolderPaths(inbox);
  await ensureDropFolder(inbox);
  const runs: IngestRun[] = [];
  for (const entry of await readdir(inbox, { withFileTypes: true })) {
    if (!entry.isFile() || !isCandidateName(entry.name)) continue;
    const source = path.join(inbox, entry.name);
    const info = await stat(source).catch(() => null);
    if (!info || now - info.mtimeMs < SETTLE_MS) continue;
    const claimed = path.join(paths.processing, `${new Date(now).toISOString().replace(/[-:.]/g, "")}-${entry.name}`);
    try {
      await rename(source, claimed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another worker took it
      throw error;
    }
    const run = await createIngestRun(db, { source: "DROP_FOLDER", filePath: claimed, fileName: entry.name });
    if (run.status === "DUPLICATE") await settleDropFolderFile(db, { ...run, storagePath: claimed }, inbox);
    runs.push(run);
  }
  return runs;
}

/** Files left in processing/ by a worker that died before registering them. */
export async function recoverOrphanedFiles(db: Db, inbox: string): Promise<IngestRun[]> {
  const paths = dropFolderPaths(inbox);
  await ensureDropFolder(inbox);
  const runs: IngestRun[] = [];
  for (const name of await readdir(paths.processing)) {
    const file = path.join(paths.processing, name);
    if (await db.ingestRun.findFirst({ where: { storagePath: file }, select: { id: true } })) continue;
    runs.push(await createIngestRun(db, { source: "DROP_FOLDER", filePath: file, fileName: name.replace(/^\d{8}T\d{6,}Z-/, "") }));
  }
  return runs;
}

/** Moves a finished drop-folder run's file to done/ or failed/ (with the reason beside it). Safe to call twice. */
export async function settleDropFolderFile(db: Db, run: IngestRun, inbox: string): Promise<void> {
  if (run.source !== "DROP_FOLDER" || !run.storagePath) return;
  const paths = dropFolderPaths(inbox);
  if (path.dirname(run.storagePath) !== paths.processing) return;
  const target = path.join(run.status === "FAILED" ? paths.failed : paths.done, path.basename(run.storagePath));
  try {
    await rename(run.storagePath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (run.status === "FAILED") await writeFile(`${target}.error.txt`, `${run.error ?? "failed"}\n`);
  await db.ingestRun.update({ where: { id: run.id }, data: { storagePath: target } });
}
