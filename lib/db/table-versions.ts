import { processWide } from "./process-wide.ts";

/**
 * A counter per table, moved on by every write to it this process makes
 * (seen in the driver adapter: lib/db/write-observer.ts) and by the
 * database's notices of writes made elsewhere (migration table_notices).
 * A read kept with the counters of its tables is still right while they
 * have not moved. While the notices are not heard, nothing may be kept.
 */
export class TableVersions {
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  private hearing = false;

  /** Whether writes made elsewhere are heard now; a change either way outdates every stamp. */
  listening(on: boolean): void {
    this.hearing = on;
    this.epoch++;
  }

  /** Written: every read of these tables kept so far is out of date. `*` is every table (a script, a migration). */
  wrote(tables: Iterable<string>): void {
    for (const table of tables) {
      if (table === "*") this.epoch++;
      else this.versions.set(table, (this.versions.get(table) ?? 0) + 1);
    }
  }

  /** A stamp of these tables as they are now, or null when no read may be kept. */
  stamp(tables: readonly string[]): string | null {
    if (!this.hearing) return null;
    return `${this.epoch}:${tables.map((t) => this.versions.get(t) ?? 0).join(",")}`;
  }
}

// The runtime registers its database's versions; a database without them (a script's) keeps no reads.
const registry = processWide("table-versions", () => new WeakMap<object, TableVersions>());

export function registerTableVersions(db: object, versions: TableVersions): void {
  registry.set(db, versions);
}

export function tableVersionsOf(db: object): TableVersions | undefined {
  return registry.get(db);
}

/** The channel of the database's notices of writes (payload: the table's name). */
export const TABLES_CHANNEL = "prg_tables";
