// Benchmark (not a test): a group with 15,000 users (the documented server
// size) fails over and falls back with zero step delays, on the embedded
// database and on a PostgreSQL server; each figure is set beside one bare SQL
// UPDATE of the same 15,000 rows. Usage:
//   npm run bench:failover                 # embedded, and postgres on 127.0.0.1 if reachable
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:failover
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { benchPair, median, onBothDatabases, timed } from "./support.ts";

const USERS = 15_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function bench(label: string, config: DatabaseConfig) {
  const clock = new VirtualClock();
  const rt = await startRuntime(config, () => {}, { clock });
  try {
    await rt.controller.setLabSettings({ speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 });
    const { groupId, a, b } = await benchPair(rt, "bench", USERS);
    const failover: number[] = [];
    const fallback: number[] = [];
    const update: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      failover.push(await timed(() => rt.controller.action(groupId, "failover", a, "bench")));
      if ((await rt.db.endUser.count({ where: { servingNodeId: b } })) !== USERS) throw new Error("failover lost users");
      fallback.push(await timed(() => rt.controller.action(groupId, "fallback", a, "bench")));
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

await onBothDatabases(bench);
