import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, expect, it, vi } from "vitest";
import type { DatabaseConfig } from "@/lib/db/config.ts";
import { createGroup } from "@/lib/groups/service.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { startRuntime } from "@/lib/server/runtime.ts";
import { insertUsers } from "@/lib/users/bulk.ts";

/**
 * Closing the runtime (the benchmark does, the server on exit) waits for the
 * controller's and the Sync Agent's work in flight, so no query runs on a
 * closed database (issue 9, item 19), on both databases.
 */
let drop: (() => Promise<void>) | undefined;
afterAll(async () => drop?.());

async function databaseConfig(): Promise<DatabaseConfig> {
  if (process.env.TEST_DB_KIND !== "postgres") return { kind: "embedded", dataDir: "memory://" };
  const server = process.env.TEST_DATABASE_URL!;
  const name = `prg_shutdown_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  drop = async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
  return { kind: "postgres", url: url.toString() };
}

it("close waits for the Sync Agent's and the controller's work in flight, and later inputs are refused without touching the database", async () => {
  const rt = await startRuntime(await databaseConfig(), () => {});
  await rt.controller.setLabSettings({ speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 });
  const db = rt.db;
  const node = (suffix: string) => createNode(db, { hostName: `shut-${suffix}`, softwareVersion: "15.0.1.12900-12", cluster: "shutdown-lab", replicationState: 2 });
  // The cluster's first node is its publisher, kept in its DefaultCUPSubCluster; the pair are subscribers.
  await node("pub");
  const a = (await node("a")).id;
  const b = (await node("b")).id;
  await insertUsers(db, Array.from({ length: 20 }, (_, i) => ({ userId: `shut${i}`, assignedNodeId: i % 2 ? a : b, signedIn: true })));
  const group = await rt.controller.changeGroups("admin", () =>
    createGroup(db, { name: "SHUTDOWN", description: "", server1Id: a, server2Id: b, haEnabled: true }),
  );
  await rt.controller.action(group.id, "failover", a, "admin");
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    // Back to Normal: the Sync Agent queues its check of the group on this change.
    await rt.controller.action(group.id, "fallback", a, "admin");
    await rt.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).not.toHaveBeenCalled();
    await expect(rt.controller.action(group.id, "failover", a, "admin")).rejects.toThrow(/stopped/);
  } finally {
    errors.mockRestore();
  }
});
