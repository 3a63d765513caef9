import { expect, it } from "vitest";
import { LabClock } from "@/lib/ha/clock.ts";
import { NotLeading } from "@/lib/ha/controller.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { FakeWall } from "./support/fake-wall.ts";
import { useHaLab } from "./support/ha-lab.ts";

/**
 * Each group is its own unit of work (issue 11): while one group's lane is
 * held (a long user move, a user import into its cluster), another group's
 * inputs are answered and its timers fire at their due lab time.
 */
const wall = new FakeWall();
const clock = new LabClock(1, Date.UTC(2026, 0, 1), wall.now);
const lab = useHaLab({ clock, wallTimers: wall.timers });
const CSD = DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;

/** Holds the lanes of the groups of these nodes until the returned function is called. */
async function hold(nodeIds: number[]) {
  let release!: () => void;
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const held = lab.controller().exclusiveOver(nodeIds, () => {
    entered();
    return new Promise<void>((r) => (release = r));
  });
  await inside;
  return async () => {
    release();
    await held;
  };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

it("answers an action on one group while another group's work is in progress, and runs the held group's after it", async () => {
  const a = await lab.pair([4, 4]);
  const b = await lab.pair([4, 4]);
  const release = await hold([a.n1]);
  let aDone = false;
  const aFailover = lab.act(a, "failover", "n1").then(() => (aDone = true));
  const bStatus = await lab.act(b, "failover", "n1");
  expect(bStatus.nodes.map((n) => [n.state, n.reason])).toEqual([
    [S.FAILING_OVER, R.ADMIN],
    [S.TAKING_OVER, R.ADMIN],
  ]);
  await tick();
  expect(aDone).toBe(false);
  await release();
  await aFailover;
  expect(lab.controller().groupStatus(a.groupId).nodes[0]!.state).toBe(S.FAILING_OVER);
});

it("fires a group's timer at its due lab time while another group's lane is held", async () => {
  const a = await lab.pair([2, 2]);
  const b = await lab.pair([2, 2]);
  const crashedAt = clock.now();
  await lab.fault(b, "n1", "service-crash", "Cisco Presence Engine");
  const release = await hold([a.n1, a.n2]);
  try {
    for (let i = 0; i < 500 && lab.controller().groupStatus(b.groupId).nodes[0]!.state === S.NORMAL; i++) {
      if (wall.armed) wall.fireNext();
      await tick();
    }
    const n1 = lab.controller().groupStatus(b.groupId).nodes[0]!;
    expect([n1.state, n1.reason]).toEqual([S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN]);
    expect(n1.stateSince).toBe(crashedAt + CSD * 1000 + 1);
  } finally {
    await release();
  }
});

it("a group's steps wait for another piece of work's long transaction instead of failing (the embedded database runs one at a time)", async () => {
  const a = await lab.pair([3, 3]);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  // A transaction held longer than Prisma's default wait of 2 s, as a large import's is.
  const long = lab.runtime().db.$transaction(() => held, { timeout: 60_000 });
  const failover = lab.act(a, "failover", "n1");
  const until = Date.now() + 2_500;
  while (Date.now() < until) {
    if (wall.armed) wall.fireNext();
    await tick();
  }
  release();
  await long;
  await failover;
  for (let i = 0; i < 500 && lab.controller().groupStatus(a.groupId).nodes[0]!.state !== S.IDLE; i++) {
    if (wall.armed) wall.fireNext();
    await tick();
  }
  expect(lab.controller().groupStatus(a.groupId).nodes.map((n) => [n.state, n.reason])).toEqual([
    [S.IDLE, R.ADMIN],
    [S.BACKUP, R.ADMIN],
  ]);
  expect(await lab.served(a)).toEqual([0, 6, 0]);
});

it("a timer check refused while the lead was lost does not stop the group's timers once it leads again", async () => {
  const a = await lab.pair([2, 2]);
  const c = lab.controller();
  const release = await hold([a.n1, a.n2]);
  // A's check waits in its lane; the lease is lost before its turn comes, so the turn is refused.
  const queued = c.tick().then(
    () => null,
    (err: unknown) => err,
  );
  c.follow();
  await release();
  expect(await queued).toBeInstanceOf(NotLeading);
  // Leading again: every SRM restarts, and each group's own timers must carry it out of Initializing.
  await c.lead(c.clusterParameters, c.labSettings);
  const node1 = () => c.groupStatus(a.groupId).nodes[0]!;
  expect(node1().state).toBe(S.INITIALIZING);
  for (let i = 0; i < 500 && node1().state === S.INITIALIZING; i++) {
    if (wall.armed) wall.fireNext();
    await tick();
  }
  expect([node1().state, node1().reason]).toEqual([S.NORMAL, R.NORMAL]);
});

it("says it is in charge only once the groups are resumed in the current leader term", async () => {
  const c = lab.controller();
  c.follow();
  const first = c.lead(c.clusterParameters, c.labSettings);
  // Leading, but what it holds is still the former leader's until the resume ends.
  expect([c.leading, c.inCharge]).toEqual([true, false]);
  c.follow();
  const second = c.lead(c.clusterParameters, c.labSettings);
  await first;
  // The first term's resume ended: it says nothing of the second, still resuming.
  expect(c.inCharge).toBe(false);
  await second;
  expect(c.inCharge).toBe(true);
});

it("the simulated clients' look at the database holds no group when nothing changed, and every group when something did", async () => {
  const a = await lab.pair([2, 2]);
  const fleet = lab.runtime().clients;
  await fleet.reconcile();
  const release = await hold([a.n1, a.n2]);
  const settled = (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 1_000))]);
  try {
    expect(await settled(fleet.reconcile())).toBe(true);
    // A user signed in outside the controller: the fleet reads the users again, in every group's turn.
    const user = await lab.runtime().db.endUser.findFirstOrThrow({ where: { assignedNodeId: a.n1, signedIn: false } });
    await lab.runtime().db.endUser.update({ where: { id: user.id }, data: { signedIn: true } });
    const looking = fleet.reconcile();
    expect(await settled(looking)).toBe(false);
    await release();
    await looking;
    expect(fleet.sim.clients.has(user.id)).toBe(true);
  } finally {
    await release();
  }
});
