import { openAsBlob } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import type { DatabaseTarget } from "@/lib/db/target";
import { assertDataDirectoryFree } from "@/lib/db/pglite";
import { sha256OfFile } from "@/lib/ingest/create-ingest-run";
import {
  DATABASE_NAME,
  FILES_DIR,
  MANIFEST_NAME,
  type TBackupManifest,
  ZBackupManifestSchema,
} from "./backup-manifest";
import { isInside } from "./stored-file-roots";

export class BackupRefusedError extends Error {}

export interface RestoreSummary {
  manifest: TBackupManifest;
  files: number;
  movedAside: string[];
}

/**
 * Checks everything before it touches anything: the archive's checksum file, that the manifest is
 * the first entry and ours, every part's SHA-256, that this version of the app knows every
 * migration in the database image, and that the image opens. Only then are existing folders moved
 * aside (with `force`; never deleted) and the restored ones moved into place.
 */
export async function restoreBackup({
  archive,
  target,
  dataDir,
  inboxDir,
  migrationsDir = path.resolve("prisma/migrations"),
  force = false,
  now = new Date(),
}: {
  archive: string;
  target: DatabaseTarget;
  dataDir: string;
  inboxDir: string;
  migrationsDir?: string;
  force?: boolean;
  now?: Date;
}): Promise<RestoreSummary> {
  const file = path.resolve(archive);
  await checkSidecarChecksum(file);
  await checkManifestComesFirst(file);
  const places = { data: path.resolve(dataDir), inbox: path.resolve(inboxDir) };
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  const staging = `${places.data}.restore-${stamp}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    try {
      await tar.x({ file, cwd: staging, strict: true });
    } catch (error) {
      throw new BackupRefusedError(`The archive is damaged: ${(error as Error).message}`);
    }
    const manifest = await readManifest(path.join(staging, MANIFEST_NAME));
    await checkFiles(staging, manifest);
    const restoredDatabase = path.join(staging, "database");
    if (manifest.database.kind === "pglite") {
      if (target.kind !== "pglite")
        throw new BackupRefusedError(
          "This backup holds the embedded database, but DATABASE_URL points at a PostgreSQL server: unset DATABASE_URL to restore it.",
        );
      await checkMigrationsKnown(manifest.database.migrations, migrationsDir);
      await openDatabaseImage(path.join(staging, DATABASE_NAME), restoredDatabase, manifest, places);
    }

    const destinations: Array<{ from: string; to: string }> = [];
    for (const name of Object.keys(manifest.roots) as Array<keyof typeof places>)
      destinations.push({ from: path.join(staging, FILES_DIR, name), to: places[name] });
    if (manifest.database.kind === "pglite" && target.kind === "pglite")
      destinations.push({ from: restoredDatabase, to: target.dataDir });
    if (target.kind === "pglite") assertDataDirectoryFree(target.dataDir);
    const occupied = [];
    for (const { to } of destinations) if (await holdsAnything(to, staging)) occupied.push(to);
    if (occupied.length > 0 && !force)
      throw new BackupRefusedError(
        `${occupied.join(" and ")} already hold data. Restore into a fresh data directory (DATA_DIR), or pass --force to move the current data aside first.`,
      );
    const movedAside: string[] = [];
    for (const to of occupied) {
      if (movedAside.some((moved) => isInside(moved.replace(/\.before-restore-\w+$/, ""), to))) continue; // went with its parent
      const aside = `${to}.before-restore-${stamp}`;
      await rename(to, aside);
      movedAside.push(aside);
    }
    for (const { from, to } of destinations) {
      await rm(to, { recursive: true, force: true }); // an empty folder left in place
      await mkdir(path.dirname(to), { recursive: true });
      if (await exists(from)) await rename(from, to);
      else await mkdir(to, { recursive: true });
    }
    return { manifest, files: manifest.files.length, movedAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function checkSidecarChecksum(file: string): Promise<void> {
  let sidecar: string;
  try {
    sidecar = await readFile(`${file}.sha256`, "utf8");
  } catch {
    return; // only the archive was kept: the manifest's checksums still cover every part
  }
  const expected = sidecar.trim().split(/\s+/)[0];
  const { sha256 } = await sha256OfFile(file);
  if (sha256 !== expected)
    throw new BackupRefusedError(
      `The archive is damaged: its SHA-256 is ${sha256}, but ${path.basename(file)}.sha256 says ${expected}.`,
    );
}

async function checkManifestComesFirst(file: string): Promise<void> {
  let first: string | undefined;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        first ??= entry.path;
      },
    });
  } catch (error) {
    throw new BackupRefusedError(`This is not a backup archive (${(error as Error).message}).`);
  }
  if (first !== MANIFEST_NAME)
    throw new BackupRefusedError(
      `This is not a backup of this app: its first entry is ${first ?? "missing"}, not ${MANIFEST_NAME}.`,
    );
}

async function readManifest(file: string): Promise<TBackupManifest> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new BackupRefusedError(`The backup's manifest is not readable JSON (${(error as Error).message}).`);
  }
  const parsed = ZBackupManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new BackupRefusedError(
      `This is not a backup this version can restore: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "manifest"}: ${issue.message}`).join("; ")}.`,
    );
  return parsed.data;
}

async function checkFiles(staging: string, manifest: TBackupManifest): Promise<void> {
  const listed = new Map(manifest.files.map((entry) => [entry.path, entry]));
  const found = await listRelative(path.join(staging, FILES_DIR));
  const extra = found.filter((relative) => !listed.has(relative));
  if (extra.length > 0)
    throw new BackupRefusedError(
      `The archive holds files its manifest does not list: ${extra.slice(0, 5).join(", ")}.`,
    );
  for (const entry of manifest.files) {
    const actual = await sha256OfFile(path.join(staging, FILES_DIR, entry.path)).catch(() => null);
    if (!actual) throw new BackupRefusedError(`The archive is damaged: ${entry.path} is missing.`);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes)
      throw new BackupRefusedError(`The archive is damaged: ${entry.path} does not match its checksum.`);
  }
  if (manifest.database.kind === "pglite") {
    const actual = await sha256OfFile(path.join(staging, DATABASE_NAME)).catch(() => null);
    if (!actual || actual.sha256 !== manifest.database.sha256)
      throw new BackupRefusedError("The archive is damaged: the database image does not match its checksum.");
  }
}

async function checkMigrationsKnown(migrations: string[], migrationsDir: string): Promise<void> {
  const known = new Set(await readdir(migrationsDir));
  const unknown = migrations.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new BackupRefusedError(
      `This backup was made by a newer version of the app (its database has migrations this one does not know: ${unknown.join(", ")}). Update the app first.`,
    );
}

/** Loads the image into its new folder, checks it, and points stored-file paths at the new data directory. */
async function openDatabaseImage(
  image: string,
  into: string,
  manifest: TBackupManifest,
  places: { data: string; inbox: string },
): Promise<void> {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(into, { loadDataDir: await openAsBlob(image) });
  } catch (error) {
    throw new BackupRefusedError(`The database image does not open (${(error as Error).message}).`);
  }
  try {
    const { rows } = await pglite.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    if (
      manifest.database.kind === "pglite" &&
      rows.map((row) => row.migration_name).join() !== manifest.database.migrations.join()
    )
      throw new BackupRefusedError("The database image does not hold the migrations its manifest lists.");
    for (const [name, before] of Object.entries(manifest.roots)) {
      const after = places[name as keyof typeof places];
      if (before === after) continue;
      await pglite.query(
        `UPDATE "IngestRun" SET "storagePath" = $2 || substr("storagePath", length($1) + 1) WHERE starts_with("storagePath", $1 || '/')`,
        [before, after],
      );
    }
    await pglite.exec("CHECKPOINT");
  } finally {
    await pglite.close();
  }
}

async function listRelative(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
      else found.push(relative);
    }
  };
  await walk(root, "");
  return found;
}

async function holdsAnything(dir: string, staging: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => []);
  return entries.some((name) => path.join(dir, name) !== staging);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
