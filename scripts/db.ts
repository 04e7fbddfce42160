/**
 * Database commands that work offline, on PGlite and on PostgreSQL:
 *   db.ts migrate --name <x>   create a migration from the schema and apply it
 *   db.ts deploy               apply pending migrations
 *   db.ts diff                 print SQL that would take the database to the schema (exit 2 when not empty)
 *   db.ts seed                 load demo data into an empty database
 */
import { parseArgs } from "node:util";
import { createMigration, deployMigrations, diffDatabaseToSchema } from "@/lib/db/migrate";
import { describeTarget, resolveDatabaseTarget } from "@/lib/db/target";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
  const command = positionals[0];
  const target = resolveDatabaseTarget();
  console.error(`database: ${describeTarget(target)}`);
  switch (command) {
    case "migrate": {
      if (!values.name) throw new Error("usage: npm run db:migrate -- --name <what_changed>");
      const created = await createMigration({ target, name: values.name });
      console.log(created ? `created ${created.folder}` : "the schema has no changes: no migration created");
      return 0;
    }
    case "deploy": {
      const applied = await deployMigrations({ target });
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      return 0;
    }
    case "diff": {
      const sql = await diffDatabaseToSchema({ target });
      console.log(sql || "-- the database matches the schema");
      return sql ? 2 : 0;
    }
    case "seed": {
      const { seedDemoData } = await import("@/prisma/seed");
      const seeded = await seedDemoData({ log: (line) => console.log(line) });
      if (!seeded) console.log("database already has users: demo data not loaded (templates and settings filled in)");
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
      return 0;
    }
    default:
      throw new Error(`unknown command "${command ?? ""}": use migrate --name <x> | deploy | diff | seed`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
