import path from "node:path";
import { parseDatabaseEnv, type TDatabaseEnv } from "@/lib/env";

/** Where the data lives: the embedded PGlite directory, or a PostgreSQL server. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** Read from the environment each time: test setup points it at a fresh database per file. */
export function resolveDatabaseTarget(config: TDatabaseEnv = parseDatabaseEnv()): DatabaseTarget {
  const url = config.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const explicit = config.PGLITE_DATA_DIR?.trim();
  if (explicit)
    return { kind: "pglite", dataDir: explicit.startsWith("memory://") ? explicit : path.resolve(explicit) };
  return { kind: "pglite", dataDir: path.resolve(config.DATA_DIR.trim() || ".data", "pglite") };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite" && target.dataDir.startsWith("memory://"))
    return "embedded PostgreSQL (PGlite) in memory";
  if (target.kind === "pglite") return `embedded PostgreSQL (PGlite) in ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
