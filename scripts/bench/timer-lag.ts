// Benchmark (not a test): how late one group's SRM timer fires while another
// group's heavy work runs (issue 11: no group's timers wait for another's).
// Group Small (cluster small, 2 users) runs Critical Service Down Delay
// timers over and over: a critical service crashes, the timer fires, the
// service is started again and the group falls back. Each firing's lateness
// is measured in wall time against its due lab time, at lab speed 10, while
//   idle              nothing else runs (the baseline of the same run),
//   failover          group Big (cluster big, 15,000 users) fails over and falls back,
//   import            100,000 users of cluster big are imported from one CSV file,
// on the embedded database and on a PostgreSQL server. Usage:
//   npm run bench:timer-lag              # embedded, and postgres on 127.0.0.1 if reachable
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:timer-lag
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { REASON, STATE } from "../../lib/ha/names.ts";
import { startRuntime, type Runtime } from "../../lib/server/runtime.ts";
import { importUsers } from "../../lib/users/service.ts";
import { benchPair, onBothDatabases } from "./support.ts";

const SPEED = 10;
const CSD_SECONDS = 1;
const BIG_USERS = 15_000;
const IMPORT_USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SERVICE = "Cisco Presence Engine";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

async function waitFor(what: string, check: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Runs timer cycles on group Small until `during` settles; answers each firing's lateness in wall ms. */
async function lagsDuring(rt: Runtime, small: { groupId: number; a: number }, during: Promise<unknown>): Promise<number[]> {
  const c = rt.controller;
  const lags: number[] = [];
  let done = false;
  const work = during.finally(() => (done = true));
  const node1 = () => c.groupStatus(small.groupId).nodes[0]!;
  do {
    await c.fault(small.a, "service-crash", "bench", SERVICE);
    await waitFor("the Critical Service Down Delay to fire", () => node1().state !== STATE.NORMAL);
    const n = node1();
    if (n.reason !== REASON.CRITICAL_SERVICES_DOWN) throw new Error(`unexpected ${n.state} / ${n.reason}`);
    // The state changed at its due lab time; the lab clock when it became visible says how late that was.
    lags.push((c.clock.now() - n.stateSince) / SPEED);
    await waitFor("the failover to end", () => node1().state === STATE.FAILED_OVER_CSNR);
    await c.serviceAction(small.a, SERVICE, "start", "bench");
    await waitFor("Failed Over", () => node1().state === STATE.FAILED_OVER);
    await c.action(small.groupId, "fallback", small.a, "bench");
    await waitFor("Normal", () => c.groupStatus(small.groupId).nodes.every((x) => x.state === STATE.NORMAL));
  } while (!done);
  await work;
  return lags;
}

async function bench(label: string, config: DatabaseConfig) {
  const rt = await startRuntime(config, () => {});
  try {
    const { db, controller: c } = rt;
    await c.setLabSettings({ speed: SPEED, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 });
    await c.setParameters({ ...c.clusterParameters, criticalServiceDownDelay: CSD_SECONDS });
    const big = await benchPair(rt, "big", BIG_USERS);
    const small = await benchPair(rt, "small", 2);
    await waitFor("both groups Normal", () =>
      [big, small].every((g) => c.groupStatus(g.groupId).nodes.every((n) => n.state === STATE.NORMAL)),
    );

    const idle = await lagsDuring(rt, small, sleep(3_000));
    const failover = await lagsDuring(
      rt,
      small,
      (async () => {
        for (let round = 0; round < 3; round++) {
          await c.action(big.groupId, "failover", big.a, "bench");
          await waitFor("Big failed over", () => c.groupStatus(big.groupId).nodes[0]!.state === STATE.IDLE, 120_000);
          await c.action(big.groupId, "fallback", big.a, "bench");
          await waitFor("Big back to Normal", () => c.groupStatus(big.groupId).nodes.every((n) => n.state === STATE.NORMAL), 120_000);
        }
      })(),
    );
    const rows = Array.from({ length: IMPORT_USERS }, (_, i) => `import.user${i}@example.com,First${i},Last${i},false,big`);
    const csv = ["userId,firstName,lastName,signedIn,cluster", ...rows].join("\n") + "\n";
    let importMs = 0;
    const imported = await lagsDuring(
      rt,
      small,
      (async () => {
        const start = performance.now();
        await importUsers(db, c, csv, rt.importSlice);
        importMs = performance.now() - start;
      })(),
    );
    const line = (what: string, xs: number[]) =>
      `  ${what.padEnd(9)} firings=${String(xs.length).padStart(3)}  lateness p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms  max ${Math.max(...xs).toFixed(0).padStart(5)} ms`;
    console.log(`${label}: lab speed ${SPEED}, Critical Service Down Delay ${CSD_SECONDS} s (${(CSD_SECONDS * 1000) / SPEED} ms wall)`);
    console.log(line("idle", idle));
    console.log(`${line("failover", failover)}  (ratio of max to idle max ${(Math.max(...failover) / Math.max(...idle)).toFixed(1)})`);
    console.log(`${line("import", imported)}  (ratio of max to idle max ${(Math.max(...imported) / Math.max(...idle)).toFixed(1)}; import ${(importMs / 1000).toFixed(1)} s)`);
  } finally {
    await rt.close();
  }
}

await onBothDatabases(bench);
