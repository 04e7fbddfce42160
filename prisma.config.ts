import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI checks for its native schema engine before every command; offline it cannot be
// downloaded. generate/validate/format do not need it, so point the check at a stand-in.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/offline/no-native-schema-engine.sh");
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/embedded-pglite" },
});
