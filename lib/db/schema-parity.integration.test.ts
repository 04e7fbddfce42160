import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { closeEmbeddedDatabase } from "./pglite";
import { deployMigrations } from "./migrate";
import { onPostgresOnly } from "@/test/support/postgres";

/** Everything about the public schema that matters, in a form both databases print alike. */
const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, contype::text AS contype, pg_get_constraintdef(oid) AS definition
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                -- PostgreSQL 17 (PGlite) also lists NOT NULL as constraints; nullability is compared via columns.
                AND contype <> 'n' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
          JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY 1, 3`,
} as const;

type Snapshot = Record<keyof typeof CATALOG_QUERIES, unknown[]>;

async function snapshot(query: (sql: string) => Promise<unknown[]>): Promise<Snapshot> {
  const entries = await Promise.all(
    Object.entries(CATALOG_QUERIES).map(async ([key, sql]) => [key, await query(sql)] as const),
  );
  return Object.fromEntries(entries) as Snapshot;
}

describe.runIf(process.env.TEST_DB === "postgres")(
  onPostgresOnly("the same migrations on PGlite and on PostgreSQL"),
  () => {
    it("produce identical schemas (columns, types, defaults, indexes, constraints, enums)", async () => {
      const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await server.connect();
      const fromServer = await snapshot(async (sql) => (await server.query(sql)).rows);
      await server.end();

      const dataDir = "memory://parity";
      await deployMigrations({ target: { kind: "pglite", dataDir } });
      const { openEmbeddedDatabase } = await import("./pglite");
      const embedded: PGlite = openEmbeddedDatabase(dataDir);
      const fromEmbedded = await snapshot(async (sql) => (await embedded.query(sql)).rows);
      await closeEmbeddedDatabase(dataDir);

      expect(fromServer.columns.length).toBeGreaterThan(100);
      expect(fromServer.indexes.length).toBeGreaterThan(20);
      expect(fromEmbedded).toEqual(fromServer);
    });
  },
);
