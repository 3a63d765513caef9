import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/db/config.ts";

/**
 * A database of a test's own, for tests that start and stop whole runtimes on
 * it (restarts): a new database on the PostgreSQL server under test, or a new
 * embedded data directory. `cleanup` drops it.
 */
export async function ownDatabase(prefix: string): Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }> {
  if (process.env.TEST_DB_KIND === "postgres") {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `prg_${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const cleanup = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return { config: { kind: "postgres", url: url.toString() }, cleanup };
  }
  const dir = await mkdtemp(path.join(tmpdir(), `prg-${prefix}-`));
  return { config: { kind: "embedded", dataDir: path.join(dir, "db") }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
