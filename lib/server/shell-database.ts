import { existsSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/adapter.ts";
import { createPrismaClient, type Db } from "../db/client.ts";
import type { DatabaseConfig } from "../db/config.ts";
import { ensureDatabase } from "../db/migrate/ensure-database.ts";
import { applyMigrations } from "../db/migrate/engine.ts";

/**
 * Why a shell command must not open this embedded database, or null. PGlite
 * allows one process: while a console holds the directory, PGlite keeps a
 * postmaster.pid in it (removed when it closes), and a second process
 * writing there would corrupt it.
 */
export function embeddedDatabaseInUse(config: DatabaseConfig): string | null {
  if (config.kind !== "embedded" || /^[a-z]+:\/\//i.test(config.dataDir)) return null;
  const pid = path.join(path.resolve(config.dataDir), "postmaster.pid");
  if (!existsSync(pid)) return null;
  return (
    `The embedded database in ${path.resolve(config.dataDir)} is in use by a running console: stop the console and try again. ` +
    `If no console is running, the last one did not shut down cleanly: delete ${pid} and try again.`
  );
}

/**
 * The database for a command run from the shell (seed, password reset):
 * created and migrated like the server's, without the HA controller.
 */
export async function openShellDatabase(config: DatabaseConfig): Promise<{ db: Db; close(): Promise<void> }> {
  const inUse = embeddedDatabaseInUse(config);
  if (inUse) throw new Error(inUse);
  await ensureDatabase(config);
  const database = await openDatabase(config);
  try {
    await applyMigrations(database.factory);
  } catch (err) {
    await database.close();
    throw err;
  }
  const db = createPrismaClient(database.factory);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await database.close();
    },
  };
}
