import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { openAsBlob } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import type { DatabaseTarget } from "@/lib/db/target";
import { closeEmbeddedDatabase, DataDirectoryInUseError, openEmbeddedDatabase } from "@/lib/db/pglite";
import { sha256OfFile } from "@/lib/ingest/create-ingest-run";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  DATABASE_NAME,
  FILES_DIR,
  MANIFEST_NAME,
  type TBackupManifest,
} from "./backup-manifest";
import { dumpEmbeddedDatabase, fetchDatabaseDump } from "./embedded-database-dump";
import { isInside, storedFileRoots } from "./stored-file-roots";

export interface BackupSummary {
  file: string;
  sha256: string;
  bytes: number;
  manifest: TBackupManifest;
}

/**
 * One archive: the manifest first (so a restore can refuse a foreign file before reading more),
 * the embedded database's image, and every stored file (uploads, drop folder, the generated
 * AUTH_SECRET), each with its SHA-256. The database is taken first and the files after it, so
 * every file a run in the image points to is in the archive unless retention deleted it between.
 */
export async function createBackup({
  target,
  dataDir,
  inboxDir,
  out,
  now = new Date(),
}: {
  target: DatabaseTarget;
  dataDir: string;
  inboxDir: string;
  out: string;
  now?: Date;
}): Promise<BackupSummary> {
  const file = path.resolve(out);
  const staging = `${file}.partial.d`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const database = await backUpDatabase(target, path.join(staging, DATABASE_NAME));
    const roots = storedFileRoots({ dataDir, inboxDir });
    const skip = [target.kind === "pglite" ? target.dataDir : null, staging, `${file}.partial`, file].filter(
      (value): value is string => value !== null,
    );
    const files: TBackupManifest["files"] = [];
    for (const [name, root] of Object.entries(roots)) {
      for (const relative of await listFiles(root, skip)) {
        const copy = path.join(staging, FILES_DIR, name, relative);
        await mkdir(path.dirname(copy), { recursive: true });
        try {
          await copyFile(path.join(root, relative), copy);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // moved on (a drop-folder file settling)
          throw error;
        }
        files.push({ path: `${name}/${relative.split(path.sep).join("/")}`, ...(await sha256OfFile(copy)) });
      }
    }
    const manifest: TBackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      database,
      roots,
      files,
    };
    await writeFile(path.join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const entries = [
      MANIFEST_NAME,
      ...(database.kind === "pglite" ? [DATABASE_NAME] : []),
      ...(files.length ? [FILES_DIR] : []),
    ];
    await tar.c({ file: `${file}.partial`, cwd: staging, portable: true, noDirRecurse: false }, entries);
    await rename(`${file}.partial`, file);
    const { sha256, bytes } = await sha256OfFile(file);
    await writeFile(`${file}.sha256`, `${sha256}  ${path.basename(file)}\n`);
    return { file, sha256, bytes, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${file}.partial`, { force: true });
  }
}

async function backUpDatabase(target: DatabaseTarget, file: string): Promise<TBackupManifest["database"]> {
  if (target.kind === "postgres")
    return {
      kind: "postgres",
      note: "The database is on a PostgreSQL server: back it up with pg_dump (see the README); this archive holds the stored files.",
    };
  try {
    const pglite = openEmbeddedDatabase(target.dataDir);
    try {
      await dumpEmbeddedDatabase(pglite, file);
    } finally {
      await closeEmbeddedDatabase(target.dataDir);
    }
  } catch (error) {
    if (!(error instanceof DataDirectoryInUseError)) throw error;
    await fetchDatabaseDump(target.dataDir, file);
  }
  const migrations = await readMigrations(file);
  return { kind: "pglite", file: DATABASE_NAME, ...(await sha256OfFile(file)), migrations };
}

/** Opens the image in memory: a dump that does not open is refused now, not on the day it is needed. */
export async function readMigrations(imageFile: string): Promise<string[]> {
  const pglite = await PGlite.create({ loadDataDir: await openAsBlob(imageFile) });
  try {
    const { rows } = await pglite.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    return rows.map((row) => row.migration_name);
  } finally {
    await pglite.close();
  }
}

async function listFiles(root: string, skip: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (skip.some((excluded) => full === excluded || isInside(excluded, full))) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && !/\.(lock|sock)$/.test(entry.name)) found.push(path.relative(root, full));
    }
  };
  await walk(root);
  return found.sort();
}
