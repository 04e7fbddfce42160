import path from "node:path";

/** Where the data lives: the embedded PGlite directory, or a PostgreSQL server. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export function resolveDatabaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.split(":")[0]}:...")`);
    }
    return { kind: "postgres", url };
  }
  const explicit = env.PGLITE_DATA_DIR?.trim();
  if (explicit) return { kind: "pglite", dataDir: explicit.startsWith("memory://") ? explicit : path.resolve(explicit) };
  return { kind: "pglite", dataDir: path.resolve(env.DATA_DIR?.trim() || ".data", "pglite") };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite" && target.dataDir.startsWith("memory://")) return "embedded PostgreSQL (PGlite) in memory";
  if (target.kind === "pglite") return `embedded PostgreSQL (PGlite) in ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
