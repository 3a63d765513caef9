/**
 * One value per process under `name`. Next.js compiles route handlers and
 * instrumentation (where the runtime starts) into separate bundles, each with
 * its own copy of every module, so a module-level registry filled by the
 * runtime would be empty in the routes that read it.
 */
export function processWide<T>(name: string, make: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`prg-console.${name}`);
  if (!(key in holder)) holder[key] = make();
  return holder[key] as T;
}
