import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { createGroup } from "@/lib/groups/service.ts";
import { VirtualClock, type Clock } from "@/lib/ha/clock.ts";
import type { WallTimers } from "@/lib/ha/controller.ts";
import type { Fault, ServiceAction } from "@/lib/ha/machine.ts";
import type { HaAction, NodeState, Reason } from "@/lib/ha/names.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { startRuntime, type Runtime } from "@/lib/server/runtime.ts";
import { insertUsers } from "@/lib/users/bulk.ts";

/** Timings the conformance tests use, in lab seconds. */
export const LAB = { stepSeconds: 10, srmStartSeconds: 2, bootSeconds: 30 };

export interface Pair {
  groupId: number;
  n1: number;
  n2: number;
  /** Users assigned to node 1 and node 2. */
  users: [number, number];
}

/**
 * A fresh database and an HA controller on a virtual clock, for driving the
 * documented causes in lab time and reading back what was persisted.
 */
export function useHaLab(real?: { clock: Clock; wallTimers: WallTimers }) {
  const clock = new VirtualClock();
  let runtime: Runtime | undefined;
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  let counter = 0;

  beforeAll(async () => {
    let config: Parameters<typeof startRuntime>[0] = { kind: "embedded", dataDir: "memory://" };
    if (process.env.TEST_DB_KIND === "postgres") {
      const server = process.env.TEST_DATABASE_URL!;
      const name = `prg_ha_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      config = { kind: "postgres", url: url.toString() };
      databaseUrl = url.toString();
      drop = async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      };
    }
    runtime = await startRuntime(config, () => {}, real ?? { clock });
    await runtime.controller.setLabSettings({ speed: 1, ...LAB });
    // The cluster's first node is its publisher, kept in its DefaultCUPSubCluster; the pairs are subscribers.
    await createNode(runtime.db, { hostName: "ha-lab-pub", softwareVersion: "15.0.1.12900-12", cluster: "ha-lab", replicationState: 2 });
  });

  afterAll(async () => {
    await runtime?.close();
    await drop?.();
  });

  const rt = () => {
    if (!runtime) throw new Error("lab not started");
    return runtime;
  };
  const controller = () => rt().controller;

  const lab = {
    clock,
    runtime: rt,
    controller,
    /** The test database's URL on a real PostgreSQL server; undefined on the embedded one. */
    databaseUrl: () => databaseUrl,

    /** Two fresh nodes in a new group with HA enabled and users on both. */
    async pair(users: [number, number] = [30, 20], enableHa = true, replication: [number, number] = [2, 2]): Promise<Pair> {
      const tag = `${++counter}`.padStart(3, "0");
      const db = rt().db;
      const node = (suffix: string, replicationState: number) =>
        createNode(db, { hostName: `ha-${tag}-${suffix}`, softwareVersion: "15.0.1.12900-12", cluster: "ha-lab", replicationState });
      const n1 = (await node("a", replication[0])).id;
      const n2 = (await node("b", replication[1])).id;
      await insertUsers(db, [
        ...Array.from({ length: users[0] }, (_, i) => ({ userId: `u${tag}a${i}`, assignedNodeId: n1, signedIn: i % 2 === 0 })),
        ...Array.from({ length: users[1] }, (_, i) => ({ userId: `u${tag}b${i}`, assignedNodeId: n2, signedIn: true })),
      ]);
      const group = await controller().changeGroups("admin", () =>
        createGroup(db, { name: `HA-${tag}`, description: "", server1Id: n1, server2Id: n2, haEnabled: enableHa }),
      );
      return { groupId: group.id, n1, n2, users };
    },

    async advance(seconds: number) {
      await controller().advanceTo(clock.now() + seconds * 1000, (t) => clock.set(t));
    },

    /** Moves the clock to the next heartbeat instant, so timeouts can be measured from it. */
    async alignToHeartbeat(intervalSeconds = 15) {
      const interval = intervalSeconds * 1000;
      const next = Math.ceil(clock.now() / interval) * interval;
      await controller().advanceTo(next, (t) => clock.set(t));
    },

    act: (p: Pair, action: HaAction, node?: "n1" | "n2") => controller().action(p.groupId, action, node ? p[node] : undefined, "admin"),
    fault: (p: Pair, node: "n1" | "n2", fault: Fault, service?: string) => controller().fault(p[node], fault, "admin", service),
    service: (p: Pair, node: "n1" | "n2", service: string, action: ServiceAction) =>
      controller().serviceAction(p[node], service, action, "admin"),

    /** Both nodes' persisted state and reason, read back from the database. */
    async states(p: Pair): Promise<[[NodeState, Reason], [NodeState, Reason]]> {
      const rows = await rt().db.node.findMany({ where: { id: { in: [p.n1, p.n2] } }, select: { id: true, haState: true, haReason: true } });
      const of = (id: number) => {
        const r = rows.find((x) => x.id === id)!;
        return [r.haState, r.haReason] as [NodeState, Reason];
      };
      return [of(p.n1), of(p.n2)];
    },

    async expectStates(p: Pair, n1: [string, string], n2: [string, string]) {
      expect(await lab.states(p)).toEqual([n1, n2]);
      // The controller's view and the database never disagree.
      const status = controller().groupStatus(p.groupId);
      expect(status.nodes.map((n) => [n.state, n.reason])).toEqual([n1, n2]);
    },

    allowed(p: Pair) {
      const a = controller().groupStatus(p.groupId).allowedActions;
      return {
        failover: a.failover.map((id) => (id === p.n1 ? "n1" : "n2")),
        fallback: a.fallback.map((id) => (id === p.n1 ? "n1" : "n2")),
        recover: a.recover,
      };
    },

    /** Where the pair's users are served: [by node 1, by node 2, by neither]. */
    async served(p: Pair): Promise<[number, number, number]> {
      const db = rt().db;
      const where = { assignedNodeId: { in: [p.n1, p.n2] } };
      const [a, b, total] = await Promise.all([
        db.endUser.count({ where: { ...where, servingNodeId: p.n1 } }),
        db.endUser.count({ where: { ...where, servingNodeId: p.n2 } }),
        db.endUser.count({ where }),
      ]);
      return [a, b, total - a - b];
    },

    /** Every user served by its own assigned node. */
    async expectUsersHome(p: Pair) {
      const db = rt().db;
      const away = await db.endUser.count({
        where: { assignedNodeId: { in: [p.n1, p.n2] }, NOT: { servingNodeId: { equals: db.endUser.fields.assignedNodeId } } },
      });
      expect(away).toBe(0);
      expect(await lab.served(p)).toEqual([p.users[0], p.users[1], 0]);
    },
  };
  return lab;
}
