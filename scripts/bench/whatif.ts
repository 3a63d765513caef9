// Benchmark (not a test): the what-if preview of a failover of a node serving
// 15,000 users, beside the failover itself (action, then its two steps run on
// the virtual clock), on the embedded database. The preview reads the users
// once (a grouped count) and runs the machine on a copy. Usage:
//   npx tsx scripts/bench/whatif.ts
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { createGroup } from "../../lib/groups/service.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { createNode } from "../../lib/inventory/nodes.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { insertUsers } from "../../lib/users/bulk.ts";
import { previewChange } from "../../lib/whatif/preview.ts";

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
    await rt.controller.setLabSettings({ speed: 1, stepSeconds: 5, srmStartSeconds: 5, bootSeconds: 60 });
    const node = (host: string) => createNode(rt.db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "bench", replicationState: 2 });
    await node("bench-pub");
    const a = (await node("bench-a")).id;
    const b = (await node("bench-b")).id;
    await insertUsers(rt.db, Array.from({ length: USERS }, (_, i) => ({ userId: `bench${i}`, assignedNodeId: a, signedIn: true })));
    const group = await rt.controller.changeGroups("bench", () =>
      createGroup(rt.db, { name: "Bench", description: "", server1Id: a, server2Id: b, haEnabled: true }),
    );
    const advance = (s: number) => rt.controller.advanceTo(clock.now() + s * 1000, (t) => clock.set(t));
    const preview: number[] = [];
    const real: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      preview.push(await timed(() => previewChange(rt.db, rt.controller, group.id, { kind: "action", action: "failover", node: a }, "bench")));
      real.push(
        await timed(async () => {
          await rt.controller.action(group.id, "failover", a, "bench");
          await advance(11);
        }),
      );
      await rt.controller.action(group.id, "fallback", a, "bench");
      await advance(11);
    }
    const p = median(preview);
    const r = median(real);
    console.log(`${label} users=${USERS} rounds=${ROUNDS} (medians)  preview ${p.toFixed(1)} ms  failover done ${r.toFixed(1)} ms  ratio preview/failover ${(p / r).toFixed(2)}`);
  } finally {
    await rt.close();
  }
}

await bench("embedded", { kind: "embedded", dataDir: "memory://" });
