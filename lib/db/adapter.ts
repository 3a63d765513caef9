import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DatabaseConfig } from "./config.ts";
import { PGliteThread } from "./pglite-thread.ts";
import { TableVersions } from "./table-versions.ts";
import { observeWrites } from "./write-observer.ts";

export interface OpenDatabase {
  config: DatabaseConfig;
  /** Shared by Prisma Client and the migration engine: PGlite allows one connection. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Moved on by every write made through `factory`, and by notices of writes made elsewhere once the runtime hears them. */
  versions: TableVersions;
  close(): Promise<void>;
  /**
   * Hears NOTIFY on a channel, on the embedded database only: there the one
   * process is every instance. On PostgreSQL the cluster node listens, on a
   * connection of its own that it makes again when lost (lib/cluster/node.ts).
   */
  listen?(channel: string, heard: (payload: string) => void): Promise<void>;
  /** Called if the embedded database's thread stops answering; PostgreSQL connections are made again instead. */
  onFailure?(failed: (err: Error) => void): void;
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection the server ends (restart, pg_terminate_backend, DROP DATABASE ... FORCE) is emitted here.
    // Prisma listens only while connected; from its disconnect to the pool's end an unheard error would crash the process.
    pool.on("error", (err) => console.warn(`[prg-console] database connection lost while idle: ${err.message}`));
    const versions = new TableVersions();
    return { config, factory: observeWrites(new PrismaPg(pool), (t) => versions.wrote(t)), versions, close: () => pool.end() };
  }
  const thread = await PGliteThread.open(config.dataDir);
  const versions = new TableVersions();
  return {
    config,
    factory: observeWrites(await thread.factory(), (t) => versions.wrote(t)),
    versions,
    close: () => thread.close(),
    listen: (channel, heard) => thread.listen(channel, heard),
    onFailure: (failed) => thread.onFailure(failed),
  };
}
