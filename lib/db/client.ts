/**
 * The one Prisma client. Sensitive columns are omitted unless a query asks for them.
 * Every process part (web pages, actions, worker, CLI) imports `db` from here.
 */
import { parseDatabaseEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapterFactory } from "./adapter";
import { closeEmbeddedDatabase } from "./pglite";
import { resolveDatabaseTarget, type DatabaseTarget } from "./target";

export function createPrismaClient(target: DatabaseTarget = resolveDatabaseTarget()) {
  return new PrismaClient({
    adapter: createAdapterFactory(target, { poolSize: parseDatabaseEnv().DATABASE_POOL_SIZE }),
    omit: { user: { passwordHash: true }, secondFactor: { totpSecret: true } },
    // PGlite runs one statement at a time: interactive transactions may queue behind others.
    transactionOptions:
      target.kind === "pglite" ? { maxWait: 15_000, timeout: 30_000 } : { maxWait: 5_000, timeout: 15_000 },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __csirtDb?: Db };

function client(): Db {
  holder.__csirtDb ??= createPrismaClient();
  return holder.__csirtDb;
}

/** Opened on first use, so that building the app never touches the database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  if (!holder.__csirtDb) return;
  await holder.__csirtDb.$disconnect();
  holder.__csirtDb = undefined;
  const target = resolveDatabaseTarget();
  if (target.kind === "pglite") await closeEmbeddedDatabase(target.dataDir);
}
