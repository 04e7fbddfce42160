import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/target";
import { createMigration, deployMigrations, diffDatabaseToSchema } from "./index";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");

describe("offline migrations (WebAssembly schema engine)", () => {
  it("leaves the database exactly as the schema describes it", async () => {
    expect(await diffDatabaseToSchema({ target: resolveDatabaseTarget() })).toBe("");
  });

  it("keeps _prisma_migrations the way the Prisma CLI does: one finished row per folder, checksum = sha256 of the file", async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const rows = await db.$queryRaw<
      Array<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>
    >`
      SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("applies nothing when the database is up to date", async () => {
    expect(await deployMigrations({ target: resolveDatabaseTarget() })).toEqual([]);
  });

  it("creates a migration from a schema change, applies it, and then finds nothing more to do", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "csirt-migrate-"));
    try {
      const migrationsDir = path.join(work, "migrations");
      await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const schemaPath = path.join(work, "schema.prisma");
      const schema = await readFile("prisma/schema.prisma", "utf8");
      await writeFile(
        schemaPath,
        `${schema}\nmodel MigrationProbe {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n}\n`,
      );
      const target = resolveDatabaseTarget();

      const created = await createMigration({ target, name: "add migration probe", schemaPath, migrationsDir });
      expect(created).not.toBeNull();
      expect(path.basename(created!.folder)).toMatch(/^\d{14}_add_migration_probe$/);
      expect(created!.sql).toContain('CREATE TABLE "MigrationProbe"');
      expect(await readFile(path.join(created!.folder, "migration.sql"), "utf8")).toBe(created!.sql);

      await db.$executeRawUnsafe(`INSERT INTO "MigrationProbe" ("label") VALUES ('applied')`);
      expect(await createMigration({ target, name: "nothing changed", schemaPath, migrationsDir })).toBeNull();
      expect(await diffDatabaseToSchema({ target, schemaPath })).toBe("");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
