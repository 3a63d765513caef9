import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "../config.ts";

/**
 * Makes sure the configured database exists before migrating, as
 * `prisma migrate deploy` would: the engine, running over a driver adapter,
 * can only connect to a database, not create one.
 */
export async function ensureDatabase(config: DatabaseConfig): Promise<void> {
  if (config.kind === "postgres") {
    await ensurePostgresDatabase(config.url);
  } else if (!/^[a-z]+:\/\//i.test(config.dataDir)) {
    // PGlite creates its own directory but not the ones above it.
    await mkdir(path.dirname(path.resolve(config.dataDir)), { recursive: true });
  }
}

/** Creates the database named in `url` if the server reports it missing. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new pg.Client({ connectionString: url });
  // pg's own reading of the URL, including its defaults when the name is omitted.
  const database = target.database;
  try {
    await target.connect();
    return;
  } catch (error) {
    if (pgErrorCode(error) !== "3D000" || !database || database === "postgres") throw error;
  } finally {
    await target.end().catch(() => undefined);
  }

  const maintenanceUrl = new URL(url);
  maintenanceUrl.pathname = "/postgres";
  const maintenance = new pg.Client({ connectionString: maintenanceUrl.toString() });
  await maintenance.connect();
  try {
    // CREATE DATABASE takes no bind parameters, hence the quoting.
    await maintenance.query(`CREATE DATABASE ${maintenance.escapeIdentifier(database)}`);
  } catch (error) {
    // Someone else created it in the meantime: that is what we wanted.
    if (pgErrorCode(error) !== "42P04") throw error;
  } finally {
    await maintenance.end();
  }
}

function pgErrorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
