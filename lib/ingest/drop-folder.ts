import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { env, type TEnv } from "@/lib/env";
import type { IngestRun } from "@/lib/generated/prisma/client";
import { createIngestRun } from "./create-ingest-run";
import { DEFAULT_STREAM, ZStreamNameSchema } from "./streams/stream-name";

/**
 * The drop folder: collectors (nfcapd, Zeek, rwcut jobs) write finished files into the inbox,
 * each exporter or sensor into a subfolder of its own (`inbox/<stream>/`; files directly in
 * the inbox join the default stream). The worker claims each file by renaming it into
 * processing/<stream>/, and files end in done/<stream>/ or failed/<stream>/.
 */
export function dropFolderPaths(inbox: string) {
  return {
    inbox,
    processing: path.join(inbox, "processing"),
    done: path.join(inbox, "done"),
    failed: path.join(inbox, "failed"),
  };
}

export function defaultInboxDir({ INBOX_DIR, DATA_DIR }: Pick<TEnv, "INBOX_DIR" | "DATA_DIR"> = env()): string {
  return path.resolve(INBOX_DIR?.trim() || path.join(DATA_DIR.trim() || ".data", "inbox"));
}

/** Files still being written are left alone: hidden files, nfcapd's current file, temporary names. */
function isCandidateName(name: string): boolean {
  return !name.startsWith(".") && !name.startsWith("nfcapd.current") && !/\.(tmp|part|partial|swp)$/i.test(name);
}

const SETTLE_MS = 2_000;
const OWN_FOLDERS = new Set(["processing", "done", "failed"]);

export async function ensureDropFolder(inbox: string): Promise<void> {
  const paths = dropFolderPaths(inbox);
  for (const dir of Object.values(paths)) await mkdir(dir, { recursive: true });
}

/** The inbox itself (default stream) and every subfolder whose name is a valid stream name. */
async function streamFolders(root: string): Promise<Array<{ stream: string; folder: string }>> {
  const folders = [{ stream: DEFAULT_STREAM, folder: root }];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || OWN_FOLDERS.has(entry.name) || !ZStreamNameSchema.safeParse(entry.name).success)
      continue;
    folders.push({ stream: entry.name, folder: path.join(root, entry.name) });
  }
  return folders;
}

/** Claims settled files in the inbox and its stream subfolders, and registers an ingest run for each, in name order. */
export async function claimInboxFiles(db: Db, inbox: string, now = Date.now()): Promise<IngestRun[]> {
  const paths = dropFolderPaths(inbox);
  await ensureDropFolder(inbox);
  const runs: IngestRun[] = [];
  for (const { stream, folder } of await streamFolders(inbox)) {
    const entries = (await readdir(folder, { withFileTypes: true })).filter(
      (entry) => entry.isFile() && isCandidateName(entry.name),
    );
    // nfcapd.YYYYMMDDhhmm and most collectors' names sort in time order: claim them in that order.
    for (const name of entries.map((entry) => entry.name).sort()) {
      const source = path.join(folder, name);
      const info = await stat(source).catch(() => null);
      if (!info || now - info.mtimeMs < SETTLE_MS) continue;
      const claimedDir = path.join(paths.processing, stream);
      await mkdir(claimedDir, { recursive: true });
      const claimed = path.join(claimedDir, `${new Date(now).toISOString().replace(/[-:.]/g, "")}-${name}`);
      try {
        await rename(source, claimed);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another worker took it
        throw error;
      }
      let run: IngestRun;
      try {
        run = await createIngestRun(db, { source: "DROP_FOLDER", filePath: claimed, fileName: name, stream });
      } catch (error) {
        // Unregistered, a claimed file would wait in processing/ until a worker restarts: give it back.
        await rename(claimed, source).catch(() => undefined);
        throw error;
      }
      if (run.status === "DUPLICATE") await settleDropFolderFile(db, run, inbox);
      runs.push(run);
    }
  }
  return runs;
}

/** Files left in processing/ by a worker that died before registering them. */
export async function recoverOrphanedFiles(db: Db, inbox: string): Promise<IngestRun[]> {
  const paths = dropFolderPaths(inbox);
  await ensureDropFolder(inbox);
  const runs: IngestRun[] = [];
  for (const { stream, folder } of await streamFolders(paths.processing)) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      if (await db.ingestRun.findFirst({ where: { storagePath: file }, select: { id: true } })) continue;
      try {
        runs.push(
          await createIngestRun(db, {
            source: "DROP_FOLDER",
            filePath: file,
            fileName: entry.name.replace(/^\d{8}T\d{6,}Z-/, ""),
            stream,
          }),
        );
      } catch (error) {
        // Its run finished and filed it away between the listing and here.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
  return runs;
}

/** Moves a finished drop-folder run's file to done/ or failed/ (with the reason beside it). Safe to call twice. */
export async function settleDropFolderFile(db: Db, run: IngestRun, inbox: string): Promise<void> {
  if (run.source !== "DROP_FOLDER" || !run.storagePath) return;
  const paths = dropFolderPaths(inbox);
  const relative = path.relative(paths.processing, run.storagePath);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return;
  const target = path.join(run.status === "FAILED" ? paths.failed : paths.done, relative);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(run.storagePath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (run.status === "FAILED") await writeFile(`${target}.error.txt`, `${run.error ?? "failed"}\n`);
  await db.ingestRun.update({ where: { id: run.id }, data: { storagePath: target } });
}
