// Prisma's official WebAssembly schema engine, loaded by hand: Node 20 cannot `import` a .wasm
// file, and Prisma 7's CLI only runs the native engine, which it downloads from Prisma's own binary
// host on first use (unreachable on machines that reach only the npm registry; Prisma 7 has no CLI
// switch to the .wasm engine it ships). The engine talks to the database through a driver adapter.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = glue.SchemaEngine;

let ready: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    // The engine reports Rust panics through this global; without it a panic surfaces as a TypeError.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    // The .wasm is not in the package's "exports": resolve the glue, take its sibling.
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

let lastPanic: string | undefined;

export interface EngineOptions {
  schemaPath: string;
  schemaText: string;
  factory: SqlMigrationAwareDriverAdapterFactory;
  log?: (line: string) => void;
}

export async function openSchemaEngine(opts: EngineOptions): Promise<SchemaEngine> {
  await loadWasm();
  return glue.SchemaEngine.new(
    { datamodels: [[opts.schemaPath, opts.schemaText]] },
    (line: string) => opts.log?.(line),
    bindMigrationAwareSqlAdapterFactory(opts.factory),
  );
}

/** The engine's errors are JSON-ish objects or strings; turn them into one readable message. */
export function engineErrorMessage(e: unknown): string {
  if (lastPanic) {
    const p = lastPanic;
    lastPanic = undefined;
    return `schema engine panicked: ${p}`;
  }
  if (e instanceof Error) return e.message;
  if (typeof e === "string") {
    try {
      const parsed = JSON.parse(e) as { message?: string; error_code?: string };
      return parsed.error_code ? `${parsed.error_code}: ${parsed.message}` : (parsed.message ?? e);
    } catch {
      return e;
    }
  }
  if (e && typeof e === "object") {
    const o = e as { message?: string; error_code?: string; meta?: unknown };
    if (o.message) return o.error_code ? `${o.error_code}: ${o.message}` : o.message;
  }
  return JSON.stringify(e);
}
