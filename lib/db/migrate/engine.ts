import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  Debug,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { prismaPaths, readMigrationsList, readSchema, type PrismaPaths } from "./migrations-dir.ts";

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const debug = Debug("prisma:schema-engine-wasm");
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let bindings: Promise<Bindings> | undefined;

/**
 * Once per process: the glue module keeps the instance in module state, so a
 * second instantiation would swap memory under engines still running.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= instantiate().catch((error: unknown) => {
    bindings = undefined;
    throw error;
  });
  return bindings;
}

/**
 * The package entry imports the .wasm as an ES module, which Node cannot do,
 * so this repeats its four lines by hand. Both files are read from disk at run
 * time, out of the bundler's sight (the package is only imported for types).
 */
async function instantiate(): Promise<Bindings> {
  const dir = packageDir();
  const glue: Bindings = await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(dir, "schema_engine_bg.js")).href
  );
  // readFile's Buffer is typed as possibly shared memory, which compile() rejects; it never is.
  const bytes = (await readFile(path.join(dir, "schema_engine_bg.wasm"))) as Buffer<ArrayBuffer>;
  const wasm = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(wasm, {
    "./schema_engine_bg.js": withTrackedTimers(glue as unknown as WebAssembly.ModuleImports),
  });
  // A Rust panic is reported through this global before the module traps.
  // Prisma Client installs one that throws; without the client, do the same
  // so the panic message is not lost to "Cannot read properties of undefined".
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      throw new Error(`Prisma schema engine panicked: ${message}`);
    },
  };
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * The engine arms timeouts it never cancels (wasm-bindgen gives it no
 * clearTimeout), e.g. 10 s around the migrations advisory lock, so a finished
 * migration would hold a script open until they fire. Route them through a
 * set that withEngine clears once no operation is running.
 */
const pendingTimers = new Set<NodeJS.Timeout>();
let runningOperations = 0;

function withTrackedTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const name = Object.keys(imports).find((key) => key.startsWith("__wbg_setTimeout_"));
  if (!name) return imports;
  const trackedSetTimeout = (callback: () => void, ms: number) => {
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      callback();
    }, ms >>> 0);
    pendingTimers.add(timer);
    return timer;
  };
  return { ...imports, [name]: trackedSetTimeout };
}

function clearTimersIfIdle(): void {
  if (runningOperations > 0) return;
  for (const timer of pendingTimers) clearTimeout(timer);
  pendingTimers.clear();
}

/**
 * Resolved from the working directory, not from this file: inside a Next.js
 * bundle `import.meta.url` no longer points into the project. The package's
 * "exports" hide package.json, so resolve its one exported .js file instead.
 */
function packageDir(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
}

/** One engine per operation, always freed: it holds connections through the adapter. */
async function withEngine<T>(
  schema: { path: string; content: string },
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  runningOperations++;
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      (message: string) => debug(message),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await run(engine);
    } finally {
      engine.free();
    }
  } finally {
    runningOperations--;
    clearTimersIfIdle();
  }
}

export interface MigrateOptions {
  /** Defaults to the working directory's prisma/ (see prismaPaths). */
  paths?: PrismaPaths;
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, like
 * `prisma migrate deploy`. `factory` is the one Prisma Client uses. Returns
 * the names of the migrations applied, empty if the database was up to date.
 */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opts: MigrateOptions = {},
): Promise<string[]> {
  const paths = opts.paths ?? prismaPaths();
  const [schema, migrationsList] = await Promise.all([readSchema(paths), readMigrationsList(paths)]);
  const { appliedMigrationNames } = await withEngine(schema, factory, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  return appliedMigrationNames;
}

export interface SchemaDiff {
  /** True when the migrations produce exactly the schema in schema.prisma. */
  upToDate: boolean;
  /** SQL taking the migrated database to schema.prisma; a comment when up to date. */
  sql: string;
}

/**
 * Compares schema.prisma with what the migrations build. The engine replays
 * the migrations on a shadow database, here an in-memory PGlite, so this
 * needs no server and never touches the configured database.
 */
export async function diffSchemaAgainstMigrations(opts: MigrateOptions = {}): Promise<SchemaDiff> {
  const paths = opts.paths ?? prismaPaths();
  const [schema, migrationsList] = await Promise.all([readSchema(paths), readMigrationsList(paths)]);
  // The engine connects to both. The adapter's own connectToShadowDb starts a
  // PGlite that nobody closes, whose timers then hold the process open for
  // 10 s, so the shadow is one of ours too.
  const [main, shadow] = await Promise.all([PGlite.create("memory://"), PGlite.create("memory://")]);
  const factory = Object.assign(new PrismaPGlite(main), {
    connectToShadowDb: () => new PrismaPGlite(shadow).connect(),
  });
  try {
    const { exitCode, stdout } = await withEngine(schema, factory, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    // With exitCode requested the engine answers 0 for no difference, 2 for one.
    return { upToDate: exitCode === 0, sql: stdout ?? "" };
  } finally {
    await Promise.all([main.close(), shadow.close()]);
  }
}
