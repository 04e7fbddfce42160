import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaFilter } from "@prisma/schema-engine-wasm";
import { createAdapterFactory } from "../adapter";
import type { DatabaseTarget } from "../target";
import { migrationFolderName, readMigrationsFolder, writeMigration } from "./migrations-folder";
import { withSchemaEngine } from "./schema-engine";

export interface MigrateOptions {
  target: DatabaseTarget;
  schemaPath?: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };
const DIFF_HAS_CHANGES = 2;

function paths(options: MigrateOptions) {
  return {
    schemaPath: path.resolve(options.schemaPath ?? "prisma/schema.prisma"),
    migrationsDir: path.resolve(options.migrationsDir ?? "prisma/migrations"),
  };
}

async function engineFor(options: MigrateOptions) {
  const factory = createAdapterFactory(options.target, {
    poolSize: 2,
    applicationName: "csirt-migrate",
    forMigrations: true,
  });
  return {
    schemaPath: paths(options).schemaPath,
    adapterFactory: factory as Parameters<typeof withSchemaEngine>[0]["adapterFactory"],
    log: options.log,
  };
}

/** Applies every migration in the folder that the database has not run yet (`prisma migrate deploy`). */
export async function deployMigrations(options: MigrateOptions): Promise<string[]> {
  const { migrationsDir } = paths(options);
  const migrationsList = await readMigrationsFolder(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) return [];
  return withSchemaEngine(await engineFor(options), async ({ engine }) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/** SQL that would take a database built from the migrations folder to the schema; "" when none. */
export async function pendingSchemaChanges(options: MigrateOptions): Promise<string> {
  const { schemaPath, migrationsDir } = paths(options);
  const migrationsList = await readMigrationsFolder(migrationsDir);
  const schemaText = await readFile(schemaPath, "utf8");
  return withSchemaEngine(await engineFor(options), async ({ engine }) => {
    const result = await engine.diff({
      // A folder with no migrations yet has no lock file to tell the engine its connector.
      from: migrationsList.migrationDirectories.length ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === DIFF_HAS_CHANGES ? (result.stdout ?? "") : "";
  });
}

/**
 * `prisma migrate dev --name <name>`: writes a new migration folder for the schema changes, then
 * applies pending migrations. Returns null when the schema has no changes.
 */
export async function createMigration(
  options: MigrateOptions & { name: string },
): Promise<{ folder: string; sql: string } | null> {
  const folderName = migrationFolderName(options.name);
  const sql = await pendingSchemaChanges(options);
  if (!sql.trim()) return null;
  const folder = await writeMigration(paths(options).migrationsDir, folderName, sql);
  await deployMigrations(options);
  return { folder, sql };
}

/** SQL that would take the live database to the schema: empty when they agree. */
export async function diffDatabaseToSchema(options: MigrateOptions): Promise<string> {
  const { schemaPath } = paths(options);
  const schemaText = await readFile(schemaPath, "utf8");
  return withSchemaEngine(await engineFor(options), async ({ engine }) => {
    const result = await engine.diff({
      from: {
        tag: "schemaDatasource",
        files: [{ path: schemaPath, content: schemaText }],
        configDir: path.dirname(schemaPath),
      },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === DIFF_HAS_CHANGES ? (result.stdout ?? "") : "";
  });
}
