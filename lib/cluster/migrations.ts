import { readdir } from "node:fs/promises";
import pg from "pg";
import { prismaPaths } from "../db/migrate/migrations-dir.ts";

/**
 * Whether every migration in prisma/migrations is recorded as applied on this
 * PostgreSQL database. Several instances start together: the migration engine
 * serialises them on an advisory lock with a 10 s timeout, which instances
 * with nothing to apply need not queue for.
 */
export async function migrationsUpToDate(url: string): Promise<boolean> {
  const names = (await readdir(prismaPaths().migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.name));
    return names.every((n) => applied.has(n));
  } catch {
    return false; // no history table yet: a new database
  } finally {
    await client.end();
  }
}
