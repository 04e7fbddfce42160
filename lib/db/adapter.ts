import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openEmbeddedDatabase } from "./pglite";
import type { DatabaseTarget } from "./target";

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

/**
 * The schema engine's catalog queries return PostgreSQL's one-byte `"char"` type, which
 * adapter-pg refuses to read; its values arrive as strings anyway, so report them as text.
 * Used for migration connections only.
 */
class CatalogReadingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, value: QueryResultLike) => callback(error, error ? value : reportCharAsText(value));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(reportCharAsText) : result) as never;
  }
}

function reportCharAsText(value: QueryResultLike): QueryResultLike {
  for (const field of value?.fields ?? []) {
    if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return value;
}

type ScriptRunner = { executeScript(script: string): Promise<void>; onError(error: unknown): never };

/**
 * adapter-pg runs a migration script by splitting it at every ";", which breaks function
 * bodies ($$ … ; … $$). Sent as one simple query instead, PostgreSQL parses the statements
 * itself and runs them as one implicit transaction: a failing migration leaves nothing behind.
 * So a step that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, using an enum
 * value added in the same file) goes in a migration of its own.
 */
function runningScriptsWhole(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

export function createAdapterFactory(
  target: DatabaseTarget,
  options: { poolSize?: number; applicationName?: string; forMigrations?: boolean } = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (target.kind === "pglite") {
    return new PrismaPGlite(openEmbeddedDatabase(target.dataDir));
  }
  const config: pg.PoolConfig = {
    connectionString: target.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? "csirt",
  };
  if (options.forMigrations) {
    const pool = new pg.Pool({ ...config, Client: CatalogReadingClient });
    return runningScriptsWhole(new PrismaPg(pool, { disposeExternalPool: true }), pool);
  }
  return new PrismaPg(config);
}
