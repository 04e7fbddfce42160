import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

/**
 * Only one process may open a PGlite data directory, and within it every part of the app
 * (web, worker, migrations) must share one instance: kept on globalThis so Next's bundled
 * server code and the start script find the same one.
 */
const registry = globalThis as unknown as { __csirtPglite?: Map<string, Promise<PGlite>> };

export function openEmbeddedDatabase(dataDir: string): Promise<PGlite> {
  registry.__csirtPglite ??= new Map();
  let instance = registry.__csirtPglite.get(dataDir);
  if (!instance) {
    mkdirSync(dataDir, { recursive: true });
    instance = PGlite.create(dataDir).catch((error: unknown) => {
      registry.__csirtPglite?.delete(dataDir);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not open the embedded database in ${dataDir} (is another process using it?): ${reason}`);
    });
    registry.__csirtPglite.set(dataDir, instance);
  }
  return instance;
}

export async function closeEmbeddedDatabase(dataDir: string): Promise<void> {
  const instance = registry.__csirtPglite?.get(dataDir);
  if (!instance) return;
  registry.__csirtPglite?.delete(dataDir);
  await (await instance).close();
}
