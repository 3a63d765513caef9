import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeaderLease, StaleLeader } from "@/lib/cluster/lease.ts";
import { createGroup } from "@/lib/groups/service.ts";
import { STATE, STATE_KIND, type NodeState } from "@/lib/ha/names.ts";
import { loadUnits, saveUnit } from "@/lib/ha/repository.ts";
import { findExtraPair, findRow } from "@/lib/ha/table2.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { startRuntime } from "@/lib/server/runtime.ts";
import { insertUsers } from "@/lib/users/bulk.ts";
import { eventually, freshDatabase, Instance } from "./support/cluster.ts";

const USERS = 15_000;

type Status = {
  operation: unknown;
  nodes: { id: number; state: NodeState; reason: string; unreachable: string | null }[];
};

// Several instances need PostgreSQL: the embedded database is single-process.
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("three console instances on one PostgreSQL database", () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  let instances: Instance[] = [];
  let groupId = 0;
  let a = 0;
  let b = 0;

  beforeAll(async () => {
    db = await freshDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // The database is dropped at the end with the pool's connections still closing: their errors are expected.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    // Set up by one instance in this process, which then gives the lease up.
    const rt = await startRuntime({ kind: "postgres", url: db.url }, () => {});
    await rt.command({ kind: "lab", actor: "setup", settings: { speed: 20, stepSeconds: 2, srmStartSeconds: 2, bootSeconds: 2 } });
    const node = (host: string) => createNode(rt.db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "ha", replicationState: 2 });
    await node("ha-pub");
    a = (await node("ha-a")).id;
    b = (await node("ha-b")).id;
    await insertUsers(rt.db, Array.from({ length: USERS }, (_, i) => ({ userId: `u${i}`, assignedNodeId: a, signedIn: true })));
    groupId = (
      await rt.controller.changeGroups("setup", () => createGroup(rt.db, { name: "HA", description: "", server1Id: a, server2Id: b, haEnabled: true }))
    ).id;
    await rt.close();
    instances = [new Instance(db.url), new Instance(db.url), new Instance(db.url)];
    await Promise.all(instances.map((i) => i.ready));
    // Three processes compiling the console with tsx at once: minutes on a loaded two-core machine.
  }, 300_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await pool?.end();
    await db?.drop();
  }, 60_000);

  const alive = () => instances.filter((i) => !i.exited);
  const leaderNow = () =>
    eventually("one leader", async () => {
      // An instance just killed may still be listed until its exit is seen: it leads nothing.
      const hs = await Promise.all(alive().map(async (i) => ({ i, h: await i.health().catch(() => ({ leading: false, fencingToken: null })) })));
      const leading = hs.filter((x) => x.h.leading);
      return leading.length === 1 ? leading[0]! : undefined;
    }, 60_000);

  async function status(via: Instance): Promise<Status> {
    const r = await via.ask("status", { groupId });
    if (!r.ok) throw new Error(r.body.error.message);
    return r.result as Status;
  }

  /** Waits until nothing is in progress, then returns the pair. */
  const settled = (via: Instance) =>
    eventually(
      "the group to settle",
      async () => {
        const s = await status(via);
        return s.operation === null && s.nodes.every((n) => STATE_KIND[n.state] !== "transitional") ? s : undefined;
      },
      60_000,
    );

  async function servedBy(): Promise<Map<number | null, number>> {
    const { rows } = await pool.query<{ node: number | null; n: string }>(
      `SELECT "servingNodeId" AS node, count(*) AS n FROM "EndUser" GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.node, Number(r.n)]));
  }

  async function assertEveryUserOnce() {
    const { rows } = await pool.query<{ total: string; distinct: string; unserved: string }>(
      `SELECT count(*) AS total, count(DISTINCT "userKey") AS distinct, count(*) FILTER (WHERE "servingNodeId" IS NULL) AS unserved FROM "EndUser"`,
    );
    expect(rows[0]).toEqual({ total: String(USERS), distinct: String(USERS), unserved: "0" });
    const by = await servedBy();
    expect([...by.keys()].every((k) => k === a || k === b)).toBe(true);
  }

  it("lets exactly one instance lead, with a fencing token", async () => {
    const { h } = await leaderNow();
    expect(h.fencingToken).not.toBeNull();
    const hs = await Promise.all(instances.map((i) => i.health()));
    expect(hs.filter((x) => x.leading)).toHaveLength(1);
    expect(new Set(hs.map((x) => x.instance)).size).toBe(3);
  });

  it("applies an action posted to a follower once, and answers as the leader would (409 with the state, 422)", async () => {
    const { i: leader } = await leaderNow();
    const [f1, f2] = instances.filter((i) => i !== leader);
    const before = await f1!.ask("changes");
    const r = await f1!.ask("command", { command: { kind: "action", actor: "via-follower", groupId, action: "failover", nodeId: a } });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "HaEvent" WHERE actor = 'via-follower' AND kind = 'action'`);
    expect(rows[0].n).toBe(1);

    const again = await f2!.ask("command", { command: { kind: "action", actor: "via-follower", groupId, action: "failover", nodeId: a } });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.status).toBe(409);
      expect(again.body.error.current).toMatchObject({ groupId });
    }
    const invalid = await f2!.ask("command", { command: { kind: "serviceParameters", actor: "via-follower", patch: { cluster: { keepAliveTimeout: 1 } } } });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.status).toBe(422);

    await settled(leader);
    expect(await servedBy()).toEqual(new Map([[b, USERS]]));
    // The follower's own listeners saw the leader's changes (the event streams' fan-out).
    await eventually("relayed changes", async () => ((await f1!.ask("changes")) as { result: number }).result > (before as { result: number }).result || undefined);
    const back = await f2!.ask("command", { command: { kind: "action", actor: "via-follower", groupId, action: "fallback", nodeId: a } });
    expect(back.ok, JSON.stringify(back)).toBe(true);
    const s = await settled(leader);
    expect(s.nodes.map((n) => n.state)).toEqual([STATE.NORMAL, STATE.NORMAL]);
    expect(await servedBy()).toEqual(new Map([[a, USERS]]));
  });

  // Varied timing: before the failover is persisted, during its user move, and after.
  for (const delay of [0, 120, 400, 900]) {
    it(`survives kill -9 of the leader ${delay} ms into a ${USERS}-user failover`, async () => {
      const { i: leader } = await leaderNow();
      const pending = leader.ask("command", { command: { kind: "action", actor: `kill-${delay}`, groupId, action: "failover", nodeId: a } });
      await new Promise((r) => setTimeout(r, delay));
      leader.kill9();
      await pending;
      instances = [...alive(), new Instance(db.url)];
      const { i: next } = await leaderNow();
      expect(next).not.toBe(leader);
      await Promise.all(instances.map((i) => i.ready));

      const s = await settled(next);
      await assertEveryUserOnce();
      const [n1, n2] = s.nodes.map((n) => ({ ...n, unreachable: n.unreachable !== null }));
      expect(findRow(n1!, n2!) ?? findExtraPair(n1!, n2!), JSON.stringify(s.nodes)).not.toBeNull();

      // Back to Normal whatever the kill left: Fallback from a completed failover, Recover from a failed state.
      if (n1!.state !== STATE.NORMAL || n2!.state !== STATE.NORMAL) {
        const action = n1!.state === STATE.IDLE ? "fallback" : "recover";
        const r = await next.ask("command", { command: { kind: "action", actor: `kill-${delay}`, groupId, action, nodeId: a } });
        expect(r.ok, JSON.stringify(r)).toBe(true);
        const after = await settled(next);
        expect(after.nodes.map((n) => n.state)).toEqual([STATE.NORMAL, STATE.NORMAL]);
      }
      await assertEveryUserOnce();
      expect(await servedBy()).toEqual(new Map([[a, USERS]]));
    }, 240_000);
  }

  it("refuses every write of a former leader whose lease was taken (fencing)", async () => {
    const hooks = (lost: () => void) => ({
      gained: async () => {},
      lost,
      lab: () => ({ now: Date.now(), speed: 1 }),
      followLab: () => {},
    });
    const info = { hostName: "test", pid: process.pid, address: "" };
    // Every instance gives the lease up, so the two below compete alone.
    await Promise.all(instances.map((i) => i.close()));
    instances = [];
    let formerLost = 0;
    const former = new LeaderLease(pool, "former", hooks(() => formerLost++), info);
    const usurper = new LeaderLease(pool, "usurper", hooks(() => {}), info);
    try {
      await eventually("the lease to be free", async () => {
        const { rows } = await pool.query(`SELECT "expiresAt" <= clock_timestamp() AS free FROM "ConsoleLease"`);
        return rows[0].free || undefined;
      });
      await former.start();
      expect(former.token).not.toBeNull();
      // The former leader stalls past its expiry (a pause, a partition): the lease runs out and is taken.
      await pool.query(`UPDATE "ConsoleLease" SET "expiresAt" = 'epoch'`);
      await usurper.start();
      expect(usurper.state.leading).toBe(true);
      expect(usurper.token).toBeGreaterThan(0n);

      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { createPrismaClient } = await import("@/lib/db/client.ts");
      const prismaPool = new pg.Pool({ connectionString: db.url, max: 1 });
      prismaPool.on("error", () => undefined);
      const prisma = createPrismaClient(new PrismaPg(prismaPool));
      try {
        const unit = (await loadUnits(prisma)).find((u) => u.groupId === groupId)!;
        const after = structuredClone(unit.sim);
        after.nodes[0]!.state = STATE.FAILED_MODE;
        const write = saveUnit(prisma, unit, unit.sim, after, [{ from: a, to: b }], [], (tx) =>
          former.fence(async (sql, ...values) => (await tx.$queryRawUnsafe(sql, ...values)) as unknown[]),
        );
        await expect(write).rejects.toBeInstanceOf(StaleLeader);
        expect(formerLost).toBe(1);
        expect(former.state.leading).toBe(false);
        expect((await loadUnits(prisma)).find((u) => u.groupId === groupId)!.sim.nodes[0]!.state).toBe(unit.sim.nodes[0]!.state);
        expect(await servedBy()).toEqual(new Map([[a, USERS]]));
      } finally {
        await prisma.$disconnect();
        await prismaPool.end();
      }
    } finally {
      await former.stop();
      await usurper.stop();
    }
  });
});
