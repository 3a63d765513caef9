// Benchmark (not a test): take-over time of the HA controller after kill -9
// of the leading console instance, three instances on one PostgreSQL
// database, median and max over BENCH_TRIALS (10) trials, set beside the
// lease lifetime (the documented bound's main term) and beside the bare SQL
// round trip of a lease renewal in the same run. Usage:
//   BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench/cluster.ts
// LEASE_TTL_MS applies to the instances as to the console (default 3000).
import pg from "pg";
import { LEASE_TTL_MS } from "../../lib/cluster/lease.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { freshDatabase, Instance } from "../../tests/integration/support/cluster.ts";
import { median } from "./support.ts";

const TRIALS = Number(process.env.BENCH_TRIALS ?? 10);
process.env.TEST_DATABASE_URL ??= process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.CLUSTER_TEST_LEASE_TTL_MS ??= String(LEASE_TTL_MS);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const db = await freshDatabase();
let instances: Instance[] = [];
try {
  await (await startRuntime({ kind: "postgres", url: db.url }, () => {})).close();
  for (let i = 0; i < 3; i++) {
    const instance = new Instance(db.url);
    await instance.ready;
    instances.push(instance);
  }
  const leader = async () => {
    for (;;) {
      for (const i of instances.filter((x) => !x.exited)) if ((await i.health()).leading) return i;
      await sleep(20);
    }
  };
  const takeOver: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const old = await leader();
    const killedAt = performance.now();
    old.kill9();
    instances = instances.filter((i) => i !== old);
    await leader();
    takeOver.push(performance.now() - killedAt);
    const fresh = new Instance(db.url);
    await fresh.ready;
    instances.push(fresh);
    // The replacement starts renewing and listening before the next kill.
    await sleep(LEASE_TTL_MS / 3);
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const renew: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await pool.query(`UPDATE "ConsoleLease" SET "renewedAt" = "renewedAt" WHERE name = 'controller'`);
    renew.push(performance.now() - t);
  }
  await pool.end();
  const m = median(takeOver);
  const max = Math.max(...takeOver);
  const sql = median(renew);
  console.log(
    `take-over after kill -9 (${TRIALS} trials): median ${m.toFixed(0)} ms, max ${max.toFixed(0)} ms  ` +
      `| lease TTL ${LEASE_TTL_MS} ms: median/TTL ${(m / LEASE_TTL_MS).toFixed(2)}, max/TTL ${(max / LEASE_TTL_MS).toFixed(2)}  ` +
      `| bare lease UPDATE ${sql.toFixed(2)} ms: median/UPDATE ${(m / sql).toFixed(0)}`,
  );
} finally {
  await Promise.all(instances.map((i) => i.close()));
  await db.drop();
}
