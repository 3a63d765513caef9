// Benchmark (not a test): a group with 15,000 users (the documented server
// size) fails over and falls back with zero step delays, on the embedded
// database and on a PostgreSQL server; each figure is set beside one bare SQL
// UPDATE of the same 15,000 rows. Usage:
//   npm run bench:failover                 # embedded, and postgres on 127.0.0.1 if reachable
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:failover
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { createGroup } from "../../lib/groups/service.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { createNode } from "../../lib/inventory/nodes.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { insertUsers } from "../../lib/users/bulk.ts";

const USERS = 15_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(label: string, config: DatabaseConfig) {
  const clock = new VirtualClock();
  const rt = await startRuntime(config, () => {}, { clock });
  try {
    await rt.controller.setLabSettings({ speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 });
    const node = (host: string) => createNode(rt.db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "bench", replicationState: 2 });
    await node("bench-pub"); // the cluster's publisher, alone in its DefaultCUPSubCluster
    const a = (await node("bench-a")).id;
    const b = (await node("bench-b")).id;
    await insertUsers(rt.db, Array.from({ length: USERS }, (_, i) => ({ userId: `bench${i}`, assignedNodeId: a, signedIn: true })));
    const group = await rt.controller.changeGroups("bench", () =>
      createGroup(rt.db, { name: "Bench", description: "", server1Id: a, server2Id: b, haEnabled: true }),
    );
    const failover: number[] = [];
    const fallback: number[] = [];
    const update: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      failover.push(await timed(() => rt.controller.action(group.id, "failover", a, "bench")));
      if ((await rt.db.endUser.count({ where: { servingNodeId: b } })) !== USERS) throw new Error("failover lost users");
      fallback.push(await timed(() => rt.controller.action(group.id, "fallback", a, "bench")));
      if ((await rt.db.endUser.count({ where: { servingNodeId: a } })) !== USERS) throw new Error("fallback lost users");
      update.push(
        await timed(async () => {
          await rt.db.$executeRaw`UPDATE "EndUser" SET "servingNodeId" = ${b} WHERE "servingNodeId" = ${a}`;
          await rt.db.$executeRaw`UPDATE "EndUser" SET "servingNodeId" = ${a} WHERE "servingNodeId" = ${b}`;
        }).then((ms) => ms / 2),
      );
    }
    const f = median(failover);
    const k = median(fallback);
    const u = median(update);
    console.log(
      `${label.padEnd(9)} users=${USERS} rounds=${ROUNDS} (medians)  failover ${f.toFixed(1)} ms  fallback ${k.toFixed(1)} ms  ` +
        `bare UPDATE ${u.toFixed(1)} ms  ratio failover/UPDATE ${(f / u).toFixed(2)}  fallback/UPDATE ${(k / u).toFixed(2)}`,
    );
  } finally {
    await rt.close();
  }
}

await bench("embedded", { kind: "embedded", dataDir: "memory://" });

const server = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `prg_bench_${randomBytes(4).toString("hex")}`;
const url = new URL(server);
url.pathname = `/${name}`;
try {
  await bench("postgres", { kind: "postgres", url: url.toString() });
} catch (err) {
  console.log(`postgres  skipped: ${(err as Error).message}`);
} finally {
  const c = new pg.Client({ connectionString: server });
  await c.connect().then(() => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => undefined);
  await c.end().catch(() => undefined);
}
