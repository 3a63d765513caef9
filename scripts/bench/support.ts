// What the benchmark scripts share: timing, medians, a pair of nodes with users
// in an HA group, and running one benchmark on both databases.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { createGroup } from "../../lib/groups/service.ts";
import { createNode } from "../../lib/inventory/nodes.ts";
import type { Runtime } from "../../lib/server/runtime.ts";
import { insertUsers } from "../../lib/users/bulk.ts";

/** Wall milliseconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A new cluster with its publisher (alone in its DefaultCUPSubCluster) and a
 * group of two more nodes with HA on, `users` signed-in users on the first.
 */
export async function benchPair(rt: Runtime, cluster: string, users: number): Promise<{ groupId: number; a: number; b: number }> {
  const node = (host: string) => createNode(rt.db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster, replicationState: 2 });
  await node(`${cluster}-pub`);
  const a = (await node(`${cluster}-a`)).id;
  const b = (await node(`${cluster}-b`)).id;
  await insertUsers(rt.db, Array.from({ length: users }, (_, i) => ({ userId: `${cluster}${i}`, assignedNodeId: a, signedIn: true })));
  const group = await rt.controller.changeGroups("bench", () => createGroup(rt.db, { name: cluster, description: "", server1Id: a, server2Id: b, haEnabled: true }));
  return { groupId: group.id, a, b };
}

/**
 * Runs `bench` on the embedded database, then on a fresh database of the
 * PostgreSQL server at BENCH_POSTGRES_URL (127.0.0.1 by default), dropped
 * afterwards; skipped, saying so, when that server cannot be reached.
 */
export async function onBothDatabases(bench: (label: string, config: DatabaseConfig) => Promise<void>) {
  await bench("embedded", { kind: "embedded", dataDir: "memory://" });
  const server = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`postgres  skipped: ${(err as Error).message}`);
    return;
  }
  const name = `prg_bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    await bench("postgres", { kind: "postgres", url: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
