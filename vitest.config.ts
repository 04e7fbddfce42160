import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { adminUrl, isPostgresReachable } from "./test/support/postgres.ts";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };
const EXCLUDE = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];

/**
 * Three projects: unit tests (no database), integration tests on an in-memory PGlite, and the
 * same integration tests on a fresh database of the PostgreSQL server when one is reachable.
 */
export default defineConfig(async () => {
  const postgres = await isPostgresReachable();
  if (!postgres) {
    const missing = `PostgreSQL not reachable at ${adminUrl()} (set TEST_DATABASE_URL)`;
    // CI must prove the PostgreSQL path; a developer without a server still gets every PGlite test.
    if (process.env.CI === "true") throw new Error(`[vitest] ${missing}: with CI=true that is a failure, not a skip`);
    console.warn(`[vitest] ${missing}: integration tests run on PGlite only; the PostgreSQL project is skipped`);
  }
  const integration = (name: string, testDb: string) => ({
    resolve: { alias },
    test: {
      name,
      include: ["**/*.integration.test.ts"],
      exclude: EXCLUDE,
      env: { TEST_DB: testDb, NEXT_TELEMETRY_DISABLED: "1" },
      setupFiles: ["./test/support/database-setup.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      pool: "forks" as const,
      // next-auth imports "next/server" without an extension (next has no exports map): let Vite resolve it.
      server: { deps: { inline: ["next-auth"] } },
    },
  });
  return {
    resolve: { alias },
    test: {
      projects: [
        {
          resolve: { alias },
          test: {
            name: "unit",
            include: ["**/*.test.ts"],
            exclude: [...EXCLUDE, "**/*.integration.test.ts"],
            testTimeout: 60_000,
          },
        },
        integration("pglite", "pglite"),
        ...(postgres ? [integration("postgres", "postgres")] : []),
      ],
    },
  };
});
