import { coalesce } from "./coalesce.ts";
import { tableVersionsOf } from "./table-versions.ts";

/**
 * A read kept in memory until one of `tables` is written, by this process
 * (at once) or elsewhere (once the database's notice arrives), and shared
 * between concurrent callers as `coalesce` shares it. Where no table
 * versions are registered or notices are not heard, every call reads.
 * Callers must not change what they are given: others are given it too.
 */
export function keptRead<O extends object, A extends unknown[], V>(
  tables: readonly string[],
  keyOf: (...args: A) => string,
  load: (owner: O, ...args: A) => Promise<V>,
  maxKeys = 64,
): (owner: O, ...args: A) => Promise<V> {
  const shared = coalesce(keyOf, load);
  const kept = new WeakMap<O, Map<string, { stamp: string; value: V }>>();
  return async (owner: O, ...args: A): Promise<V> => {
    const versions = tableVersionsOf(owner);
    const before = versions?.stamp(tables) ?? null;
    if (before === null) return shared(owner, ...args);
    let entries = kept.get(owner);
    if (!entries) kept.set(owner, (entries = new Map()));
    const key = keyOf(...args);
    const hit = entries.get(key);
    if (hit && hit.stamp === before) return hit.value;
    const value = await shared(owner, ...args);
    // Kept only if nothing was written while it was read: the read began after `before` was taken.
    if (versions!.stamp(tables) === before) {
      entries.delete(key);
      entries.set(key, { stamp: before, value });
      if (entries.size > maxKeys) entries.delete(entries.keys().next().value!);
    }
    return value;
  };
}
