/**
 * Prisma's schema engine, run as WebAssembly through a driver adapter. The CLI's migrate
 * commands need a native engine that cannot be downloaded offline; this is the same engine
 * (published as @prisma/schema-engine-wasm), so the migrations it writes and the
 * `_prisma_migrations` rows it keeps are the ones the stock CLI reads.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";

let engineModuleReady: Promise<void> | undefined;

function loadEngineModule(): Promise<void> {
  engineModuleReady ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package exports only its JS bindings; the .wasm sits beside them.
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    const start = (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start;
    start?.();
  })();
  return engineModuleReady;
}

/**
 * Wraps an adapter factory so the engine's shadow database is a throw-away in-memory PGlite.
 * That works for both targets and never touches a second database on the server.
 */
function withInMemoryShadow(target: {
  connect: SqlMigrationAwareDriverAdapterFactory["connect"];
  provider: "postgres";
  adapterName: string;
}): SqlMigrationAwareDriverAdapterFactory {
  const shadows: PGlite[] = [];
  return {
    provider: target.provider,
    adapterName: target.adapterName,
    connect: () => target.connect(),
    async connectToShadowDb() {
      const shadow = new PGlite();
      shadows.push(shadow);
      const adapter = await new PrismaPGlite(shadow).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.close();
      };
      return adapter;
    },
  };
}

export interface EngineSession {
  engine: SchemaEngine;
  /** Turns "External error id#N" into the driver's own message. */
  explain(error: unknown): Error;
}

export async function withSchemaEngine<T>(
  options: {
    schemaPath: string;
    adapterFactory: {
      connect: SqlMigrationAwareDriverAdapterFactory["connect"];
      provider: "postgres";
      adapterName: string;
    };
    log?: (line: string) => void;
  },
  run: (session: EngineSession) => Promise<T>,
): Promise<T> {
  await loadEngineModule();
  const schemaText = await readFile(options.schemaPath, "utf8");
  const bound = bindMigrationAwareSqlAdapterFactory(withInMemoryShadow(options.adapterFactory));
  const engine = (await engineBindings.SchemaEngine.new(
    { datamodels: [[options.schemaPath, schemaText]] },
    (line: string) => options.log?.(line),
    bound,
  )) as SchemaEngine;
  const explain = (error: unknown): Error => {
    const message = error instanceof Error ? error.message : String(error);
    const id = /External error id#(\d+)/.exec(message)?.[1];
    if (id !== undefined) {
      const cause = bound.errorRegistry.consumeError(Number(id));
      if (cause) return new Error(`${message}: ${JSON.stringify(cause.error)}`);
    }
    return error instanceof Error ? error : new Error(message);
  };
  try {
    return await run({ engine, explain });
  } catch (error) {
    throw explain(error);
  } finally {
    engine.free();
  }
}
