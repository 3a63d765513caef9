import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "@/lib/db/config.ts";
import { createGroup } from "@/lib/groups/service.ts";
import { VirtualClock } from "@/lib/ha/clock.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { writeScope } from "@/lib/params/store.ts";
import { Scheduler } from "@/lib/schedule/scheduler.ts";
import { startRuntime, type Runtime } from "@/lib/server/runtime.ts";
import { insertUsers } from "@/lib/users/bulk.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";
import { ownDatabase } from "./support/own-database.ts";

const lab = useHaLab();
const OP = 2 * LAB.stepSeconds + 1;
const advance = (seconds: number) => lab.runtime().scheduler.advanceTo(lab.clock.now() + seconds * 1000, (t) => lab.clock.set(t));
const rows = (p: Pair) => lab.runtime().db.scheduledAction.findMany({ where: { groupId: p.groupId }, orderBy: { id: "asc" } });
const history = (p: Pair) => lab.runtime().db.haEvent.findMany({ where: { groupId: p.groupId }, orderBy: [{ at: "asc" }, { id: "asc" }] });

describe("scheduled actions", () => {
  it("runs a failover and a fallback through the controller at their lab times, not a moment sooner", async () => {
    const p = await lab.pair();
    const t0 = lab.clock.now();
    const s = lab.runtime().scheduler;
    await s.add({ groupId: p.groupId, kind: "failover", nodeId: p.n1, runAt: t0 + 120_000, createdBy: "alice" });
    await s.add({ groupId: p.groupId, kind: "fallback", nodeId: p.n1, runAt: t0 + 240_000, createdBy: "alice" });
    await advance(119.999);
    await lab.expectStates(p, [S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]);
    await advance(0.001 + OP);
    await lab.expectStates(p, [S.IDLE, R.ADMIN], [S.BACKUP, R.ADMIN]);
    const failover = (await history(p)).find((e) => e.kind === "action" && e.actor !== "admin");
    expect(failover).toMatchObject({ actor: expect.stringMatching(/^alice \(scheduled #\d+\)$/), at: new Date(t0 + 120_000) });
    await advance(240);
    await lab.expectStates(p, [S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]);
    await lab.expectUsersHome(p);
    expect((await rows(p)).map((r) => [r.status, Number(r.finishedAt) - t0])).toEqual([
      ["done", 120_000],
      ["done", 240_000],
    ]);
  });

  it("is skipped with the controller's reason when the state does not allow it then, and the history says so", async () => {
    const p = await lab.pair();
    const t0 = lab.clock.now();
    await lab.runtime().scheduler.add({ groupId: p.groupId, kind: "fallback", nodeId: p.n1, runAt: t0 + 60_000, createdBy: "bob" });
    await advance(61);
    await lab.expectStates(p, [S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]);
    const [row] = await rows(p);
    expect(row).toMatchObject({ status: "skipped", finishedAt: BigInt(t0 + 60_000) });
    expect(row!.outcome).not.toBe("");
    const warning = (await history(p)).find((e) => e.kind === "warning" && e.actor === "scheduler");
    expect(warning?.message).toContain(`Scheduled Fallback of node ${p.n1} (#${row!.id}, by bob) skipped: ${row!.outcome}`);
    expect(warning?.at).toEqual(new Date(t0 + 60_000));
  });

  it("a cancelled action never runs, and a run or cancelled one cannot be cancelled", async () => {
    const p = await lab.pair();
    const s = lab.runtime().scheduler;
    const row = await s.add({ groupId: p.groupId, kind: "failover", nodeId: p.n1, runAt: lab.clock.now() + 10_000, createdBy: "carol" });
    expect(await s.cancel(row.id)).toMatchObject({ status: "cancelled" });
    expect(await s.cancel(row.id)).toBeNull();
    await advance(30);
    await lab.expectStates(p, [S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]);
    expect((await rows(p))[0]!.status).toBe("cancelled");
  });

  it("runs once when two schedulers (two instances) see the same row due", async () => {
    const p = await lab.pair();
    const rt = lab.runtime();
    const other = new Scheduler(rt.db, rt.controller, "other-instance");
    try {
      await rt.scheduler.add({ groupId: p.groupId, kind: "failover", nodeId: p.n1, runAt: lab.clock.now() + 5_000, createdBy: "dave" });
      await rt.controller.advanceTo(lab.clock.now() + 5_000, (t) => lab.clock.set(t));
      await Promise.all([rt.scheduler.runDue(), other.runDue(), rt.scheduler.runDue()]);
      const actions = (await history(p)).filter((e) => (e.kind === "action" || e.kind === "warning") && e.actor !== "admin");
      expect(actions).toHaveLength(1);
      expect((await rows(p))[0]!.status).toBe("done");
    } finally {
      await other.stop();
    }
  });
});

describe("scheduled actions across a restart", () => {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void> = async () => {};
  afterAll(async () => cleanup());

  async function boot(clock: VirtualClock): Promise<Runtime> {
    const rt = await startRuntime(config, () => {}, { clock });
    await writeScope(rt.db, "lab", { speed: 1, ...LAB }, "test");
    await rt.controller.setLabSettings({ speed: 1, ...LAB });
    return rt;
  }

  it("a row planned before a restart runs after it, once, at its lab time", async () => {
    ({ config, cleanup } = await ownDatabase("sched"));
    const clock = new VirtualClock();
    let rt = await boot(clock);
    await createNode(rt.db, { hostName: "sched-pub", softwareVersion: "15.0.1.12900-12", cluster: "sched", replicationState: 2 });
    const n1 = (await createNode(rt.db, { hostName: "sched-a", softwareVersion: "15.0.1.12900-12", cluster: "sched", replicationState: 2 })).id;
    const n2 = (await createNode(rt.db, { hostName: "sched-b", softwareVersion: "15.0.1.12900-12", cluster: "sched", replicationState: 2 })).id;
    await insertUsers(rt.db, [{ userId: "s1", assignedNodeId: n1 }, { userId: "s2", assignedNodeId: n2 }]);
    const group = await rt.controller.changeGroups("admin", () =>
      createGroup(rt.db, { name: "SCHED", description: "", server1Id: n1, server2Id: n2, haEnabled: true }),
    );
    const t0 = clock.now();
    await rt.scheduler.add({ groupId: group.id, kind: "failover", nodeId: n1, runAt: t0 + 60_000, createdBy: "erin" });
    await rt.close();

    rt = await boot(clock);
    try {
      await rt.scheduler.advanceTo(t0 + 60_000 + OP * 1000, (t) => clock.set(t));
      expect(rt.controller.groupStatus(group.id).nodes.map((n) => [n.state, n.reason])).toEqual([
        [S.IDLE, R.ADMIN],
        [S.BACKUP, R.ADMIN],
      ]);
      const actions = await rt.db.haEvent.findMany({ where: { groupId: group.id, kind: "action", actor: { contains: "scheduled" } } });
      expect(actions.map((a) => a.at.getTime())).toEqual([t0 + 60_000]);
      await rt.scheduler.advanceTo(clock.now() + 600_000, (t) => clock.set(t));
      expect(await rt.db.haEvent.count({ where: { groupId: group.id, kind: "action", actor: { contains: "scheduled" } } })).toBe(1);
    } finally {
      await rt.close();
    }
  });
});
