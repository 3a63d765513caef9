import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { seedDemoInventory } from "@/lib/inventory/demo-seed.ts";
import { getRuntime, type Runtime } from "@/lib/server/runtime.ts";

export const TEST_ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? "";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Gives this test file its own fresh database, started through the same
 * runtime the server uses (migrations, admin account), holding the demo
 * inventory: in-memory PGlite, or a new database on TEST_DATABASE_URL's
 * server that is dropped afterwards.
 */
export function useTestRuntime(): () => Runtime {
  let runtime: Runtime | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (process.env.TEST_DB_KIND === "postgres") {
      const serverUrl = process.env.TEST_DATABASE_URL;
      if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
      const name = `prg_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      process.env.DATABASE_URL = withDatabase(serverUrl, name);
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      };
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DIR = "memory://";
    }
    runtime = await getRuntime();
    await seedDemoInventory(runtime.db);
  });

  afterAll(async () => {
    await runtime?.close();
    await dropDatabase?.();
  });

  return () => {
    if (!runtime) throw new Error("the test runtime is not started yet");
    return runtime;
  };
}
