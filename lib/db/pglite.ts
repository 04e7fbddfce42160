import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

/**
 * Only one process may open a PGlite data directory, and within it every part of the app
 * (web, worker, migrations) must share one instance: kept on globalThis so Next's bundled
 * server code and the start script find the same one. A lock file with the owner's pid
 * refuses a second process instead of letting it corrupt the data.
 */
const registry = globalThis as unknown as { __csirtPglite?: Map<string, PGlite> };

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function takeLock(dataDir: string): void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.once("exit", () => releaseLock(dataDir));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (owner === process.pid) return;
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) throw new DataDirectoryInUseError(dataDir, owner);
      rmSync(lockPath, { force: true });
    }
  }
}

/** Refuses when a live process holds the data directory (a restore must not replace it under that process). */
export function assertDataDirectoryFree(dataDir: string): void {
  let owner: number;
  try {
    owner = Number(readFileSync(`${dataDir}.lock`, "utf8").trim());
  } catch {
    return;
  }
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner))
    throw new DataDirectoryInUseError(dataDir, owner);
}

function releaseLock(dataDir: string): void {
  const lockPath = `${dataDir}.lock`;
  try {
    if (Number(readFileSync(lockPath, "utf8").trim()) === process.pid) rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}

export function openEmbeddedDatabase(dataDir: string): PGlite {
  registry.__csirtPglite ??= new Map();
  let instance = registry.__csirtPglite.get(dataDir);
  if (!instance) {
    const inMemory = dataDir.startsWith("memory://");
    if (!inMemory) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      takeLock(dataDir);
    }
    instance = new PGlite(dataDir);
    registry.__csirtPglite.set(dataDir, instance);
  }
  return instance;
}

export async function closeEmbeddedDatabase(dataDir: string): Promise<void> {
  const instance = registry.__csirtPglite?.get(dataDir);
  if (!instance) return;
  registry.__csirtPglite?.delete(dataDir);
  await instance.close();
  if (!dataDir.startsWith("memory://")) releaseLock(dataDir);
}
