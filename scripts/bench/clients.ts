// Benchmark (not a test) of the simulated clients (lib/clients), on the embedded database:
//  1. a 15,000-user pair fails over with all clients dual, none dual, and half:
//     p50/p99/max outage per client in lab seconds, and the CPU the failover
//     costs beside the same failover with no client signed in (same run);
//  2. 150,000 clients over 10 groups fail over together on the real lab clock
//     (speed BENCH_SPEED, default 50): how late the controller's wake-ups ran,
//     beside the same run with no client signed in.
// Usage: npx tsx scripts/bench/clients.ts
import { ClientSim } from "../../lib/clients/sim.ts";
import { createGroup } from "../../lib/groups/service.ts";
import { LabClock, VirtualClock } from "../../lib/ha/clock.ts";
import { REAL_WALL_TIMERS, type WallTimers } from "../../lib/ha/controller.ts";
import { createNode } from "../../lib/inventory/nodes.ts";
import { startRuntime, type Runtime } from "../../lib/server/runtime.ts";
import { insertUsers } from "../../lib/users/bulk.ts";

const PAIR_USERS = 15_000;
const GROUPS = 10;
const SPEED = Number(process.env.BENCH_SPEED ?? 50);
const STEP_SECONDS = 10;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function pairs(rt: Runtime, count: number, users: number, signedIn: boolean, dual: (i: number) => boolean, tag: string) {
  const node = (host: string) => createNode(rt.db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "bench", replicationState: 2 });
  await node(`${tag}-pub`).catch(() => undefined); // the cluster's publisher, alone in its DefaultCUPSubCluster
  const out: { groupId: number; a: number; b: number }[] = [];
  for (let g = 0; g < count; g++) {
    const a = (await node(`${tag}-${g}-a`)).id;
    const b = (await node(`${tag}-${g}-b`)).id;
    await insertUsers(
      rt.db,
      Array.from({ length: users }, (_, i) => ({
        userId: `${tag}${g}u${i}`,
        assignedNodeId: a,
        signedIn,
        client: { kind: "desktop" as const, secure: true, dual: dual(i) },
      })),
    );
    const group = await rt.controller.changeGroups("bench", () =>
      createGroup(rt.db, { name: `${tag}-${g}`, description: "", server1Id: a, server2Id: b, haEnabled: true }),
    );
    out.push({ groupId: group.id, a, b });
  }
  return out;
}

/** One 15,000-user failover on the virtual clock: outage figures and CPU ms of the failover (the SRM's steps and the clients'). */
async function pairFailover(label: string, signedIn: boolean, dual: (i: number) => boolean) {
  const clock = new VirtualClock();
  const rt = await startRuntime({ kind: "embedded", dataDir: "memory://" }, () => {}, { clock });
  try {
    await rt.controller.setLabSettings({ speed: 1, stepSeconds: STEP_SECONDS, srmStartSeconds: 0, bootSeconds: 0 });
    const [p] = await pairs(rt, 1, PAIR_USERS, signedIn, dual, "pair");
    await rt.clients.reconcile();
    const advance = (s: number) => rt.controller.advanceTo(clock.now() + s * 1000, (t) => clock.set(t));
    await advance(600); // every dual connection is up by the Upper Limit (537 s)
    const cpu0 = cpuMs();
    const wall0 = performance.now();
    await rt.controller.action(p!.groupId, "failover", p!.a, "bench");
    await advance(2 * STEP_SECONDS + 1);
    await rt.clients.settled();
    const cpu = cpuMs() - cpu0;
    const wall = performance.now() - wall0;
    const r = await rt.db.outageReport.findFirst({ where: { groupId: p!.groupId }, orderBy: { id: "desc" } });
    const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1).padStart(6);
    console.log(
      `${label.padEnd(16)} affected=${String(r?.affected ?? 0).padStart(6)} dual=${String(r?.dual ?? 0).padStart(6)}  ` +
        `outage p50 ${s(r?.p50Ms)} s  p99 ${s(r?.p99Ms)} s  max ${s(r?.maxMs)} s   failover CPU ${cpu.toFixed(0)} ms (wall ${wall.toFixed(0)} ms)`,
    );
    return cpu;
  } finally {
    await rt.close();
  }
}

/** Wall timers that record how late each wake-up of the controller ran. */
function lateness(): { timers: WallTimers; late: number[] } {
  const late: number[] = [];
  const timers: WallTimers = {
    set: (fn, ms) => {
      const due = performance.now() + ms;
      return REAL_WALL_TIMERS.set(() => {
        late.push(performance.now() - due);
        fn();
      }, ms);
    },
    clear: (h) => REAL_WALL_TIMERS.clear(h),
  };
  return { timers, late };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};

/** 10 groups of 15,000 users fail over together on the lab clock; the controller's timer lateness over `labSeconds`. */
async function manyGroups(label: string, signedIn: boolean) {
  const { timers, late } = lateness();
  const clock = new LabClock(SPEED);
  const rt = await startRuntime({ kind: "embedded", dataDir: "memory://" }, () => {}, { clock, wallTimers: timers });
  try {
    await rt.controller.setLabSettings({ speed: SPEED, stepSeconds: STEP_SECONDS, srmStartSeconds: 0, bootSeconds: 0 });
    const groups = await pairs(rt, GROUPS, PAIR_USERS, signedIn, (i) => i % 2 === 0, "many");
    await rt.clients.reconcile();
    // Dual connections come up over the next 537 lab s, then the failover.
    await new Promise((r) => setTimeout(r, (600 / SPEED) * 1000));
    late.length = 0;
    const cpu0 = cpuMs();
    await Promise.all(groups.map((g) => rt.controller.action(g.groupId, "failover", g.a, "bench")));
    // The failovers' steps, the clients re-login over the Upper Limit, and as long again of heartbeats: lateness meanwhile.
    await new Promise((r) => setTimeout(r, ((2 * STEP_SECONDS + 1200) / SPEED) * 1000));
    await rt.clients.settled();
    const cpu = cpuMs() - cpu0;
    const reports = await rt.db.outageReport.count();
    const clients = rt.clients.counters().reduce((s, c) => s + c.JsmSessionsClient, 0);
    console.log(
      `${label.padEnd(24)} reports=${reports} clients active after=${clients}  wake-ups=${late.length}  ` +
        `lateness p50 ${pct(late, 50).toFixed(1)} ms  p99 ${pct(late, 99).toFixed(1)} ms  max ${pct(late, 100).toFixed(1)} ms  CPU ${cpu.toFixed(0)} ms`,
    );
    return { late, cpu };
  } finally {
    await rt.close();
  }
}

console.log(`1. One pair, ${PAIR_USERS} users on node A, failover A on the virtual clock (step ${STEP_SECONDS} lab s):`);
const base = await pairFailover("no client (base)", false, () => false);
const all = await pairFailover("all dual", true, () => true);
const none = await pairFailover("none dual", true, () => false);
const half = await pairFailover("half dual", true, (i) => i % 2 === 0);
console.log(
  `   CPU ratio to the same failover without clients: all ${(all / base).toFixed(2)}  none ${(none / base).toFixed(2)}  half ${(half / base).toFixed(2)}`,
);

console.log(`2. ${GROUPS} groups × ${PAIR_USERS} users (half dual) fail over together at ${SPEED}× on the real lab clock:`);
const noClients = await manyGroups("no client (base)", false);
const withClients = await manyGroups(`${GROUPS * PAIR_USERS} clients`, true);
console.log(
  `   lateness p99 ratio ${(pct(withClients.late, 99) / Math.max(0.1, pct(noClients.late, 99))).toFixed(2)}  ` +
    `max ratio ${(pct(withClients.late, 100) / Math.max(0.1, pct(noClients.late, 100))).toFixed(2)}  CPU ratio ${(withClients.cpu / noClients.cpu).toFixed(2)}`,
);

console.log(`3. The client model alone (no database): ${GROUPS} pairs × ${PAIR_USERS} clients (half dual):`);
{
  const sim = new ClientSim(1);
  const t0 = Date.UTC(2026, 0, 1);
  const info = (peer: number) => ({ peer, reloginLowerMs: 120_000, reloginUpperMs: 537_000, slowdown: 1 });
  sim.setNodes(new Map(Array.from({ length: GROUPS }, (_, g) => [[2 * g + 1, info(2 * g + 2)] as const, [2 * g + 2, info(2 * g + 1)] as const]).flat()), t0);
  let start = performance.now();
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < PAIR_USERS; i++) sim.login(g * PAIR_USERS + i + 1, { kind: "desktop", secure: true, dual: i % 2 === 0 }, 2 * g + 1, 2 * g + 1, t0);
  }
  const login = performance.now() - start;
  start = performance.now();
  for (let g = 0; g < GROUPS; g++) sim.move(2 * g + 1, 2 * g + 2, t0 + 600_000);
  const move = performance.now() - start;
  start = performance.now();
  let n = 0;
  for (let s = 0; s <= 600; s++) for (let node = 1; node <= 2 * GROUPS; node++) n += sim.counters(node, t0 + 600_000 + s * 1000, true).JsmSessionsClient;
  const reads = performance.now() - start;
  console.log(
    `   login of ${GROUPS * PAIR_USERS}: ${login.toFixed(0)} ms  ${GROUPS} failovers moving them: ${move.toFixed(0)} ms  ` +
      `counters of ${2 * GROUPS} nodes at each of 601 lab seconds: ${reads.toFixed(0)} ms (${((reads / 601) * 1000).toFixed(0)} µs per second of lab time; ${n > 0 ? "ok" : "none"})`,
  );
}
