// Benchmark (not a test): the what-if preview of a failover of a node serving
// 15,000 users, beside the failover itself (action, then its two steps run on
// the virtual clock), on the embedded database. The preview reads the users
// once (a grouped count) and runs the machine on a copy. Usage:
//   npx tsx scripts/bench/whatif.ts
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { previewChange } from "../../lib/whatif/preview.ts";
import { benchPair, median, timed } from "./support.ts";

const USERS = 15_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function bench(label: string, config: DatabaseConfig) {
  const clock = new VirtualClock();
  const rt = await startRuntime(config, () => {}, { clock });
  try {
    await rt.controller.setLabSettings({ speed: 1, stepSeconds: 5, srmStartSeconds: 5, bootSeconds: 60 });
    const { groupId, a } = await benchPair(rt, "bench", USERS);
    const advance = (s: number) => rt.controller.advanceTo(clock.now() + s * 1000, (t) => clock.set(t));
    const preview: number[] = [];
    const real: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      preview.push(await timed(() => previewChange(rt.db, rt.controller, groupId, { kind: "action", action: "failover", node: a }, "bench")));
      real.push(
        await timed(async () => {
          await rt.controller.action(groupId, "failover", a, "bench");
          await advance(11);
        }),
      );
      await rt.controller.action(groupId, "fallback", a, "bench");
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
