/**
 * Vitest setup for the integration projects: points the app's one database client at a fresh
 * database for this test file (in-memory PGlite, or a new database on the PostgreSQL server),
 * applies the migrations, and removes it afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase } from "./postgres";

const target = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
let drop: (() => Promise<void>) | undefined;

delete process.env.DATABASE_URL;
// What a deployment on a database server must configure (lib/env.ts refuses to start without them).
process.env.AUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";
process.env.DEV_MAILBOX ??= "1";
if (target === "pglite") process.env.PGLITE_DATA_DIR = "memory://";

beforeAll(async () => {
  if (target === "postgres") {
    const database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    drop = database.drop;
  }
  const { deployMigrations } = await import("@/lib/db/migrate");
  const { resolveDatabaseTarget } = await import("@/lib/db/target");
  await deployMigrations({ target: resolveDatabaseTarget() });
});

afterAll(async () => {
  const { stopQueue } = await import("@/lib/jobs/queue");
  await stopQueue();
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  await drop?.();
});
