import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi.ts";
import * as clients from "@/lib/clients/service.ts";
import { RESEARCH_DELAY_MS } from "@/lib/clients/sim.ts";
import { deleteUser } from "@/lib/users/service.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * The simulated clients follow the SRM on the virtual clock (domain.md §6,
 * §7): counters per node, what a failover and a fallback cost each client,
 * and the outage reports they leave.
 */
const lab = useHaLab();
const UPPER = 537;
/** A two-step failover or fallback, complete. */
const OP = 2 * LAB.stepSeconds + 1;

const rt = () => lab.runtime();

async function counters(p: Pair) {
  const view = await clients.counters(rt().clients, lab.clock.now(), p.groupId);
  const of = (id: number) => view.nodes.find((n) => n.nodeId === id)!;
  return [of(p.n1), of(p.n2)] as const;
}

/** [JsmSessionsClient, JsmSessionsClientInactive] of node 1 and node 2. */
async function relation(p: Pair) {
  const [a, b] = await counters(p);
  return [a.JsmSessionsClient, a.JsmSessionsClientInactive, b.JsmSessionsClient, b.JsmSessionsClientInactive];
}

async function reports(p: Pair) {
  await rt().clients.settled();
  return (await clients.listOutageReports(rt().db, { group: p.groupId, page: 1, pageSize: 25 })).items;
}

async function pairWithClients(users: [number, number], profile?: { kind?: "desktop" | "mobile" | "ios-background"; dual?: boolean }) {
  const p = await lab.pair(users);
  if (profile) {
    await rt().db.endUser.updateMany({
      where: { assignedNodeId: { in: [p.n1, p.n2] } },
      data: { ...(profile.kind ? { clientKind: profile.kind } : {}), ...(profile.dual !== undefined ? { clientDual: profile.dual } : {}) },
    });
  }
  await rt().clients.reconcile();
  return p;
}

describe("counters (domain.md §6)", () => {
  it("X/Y on the primary and Y/X on the secondary once dual connections are up, after a failover and after a fallback", async () => {
    // lab.pair signs in every other user of node 1: X = 20, Y = 15.
    const p = await pairWithClients([40, 15]);
    expect(await relation(p)).toEqual([20, 0, 15, 0]);
    await lab.advance(UPPER);
    expect(await relation(p)).toEqual([20, 15, 15, 20]);

    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    // Every dual client activated its inactive connection: all 35 on node 2 at once; node 1 serves nobody.
    expect(await relation(p)).toEqual([0, 0, 35, 0]);
    const [failover] = await reports(p);
    expect(failover).toMatchObject({ kind: "failover", affected: 20, dual: 20, maxMs: 0, fromNode: { id: p.n1 }, toNode: { id: p.n2 } });

    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    // Node 1 came back too late for inactive connections to it: its users re-login within its limits.
    const [fallback] = await reports(p);
    expect(fallback).toMatchObject({ kind: "fallback", affected: 20, dual: 0 });
    expect(fallback!.series[0]).toMatchObject({ active: 0, relogin: 20 });
    expect(fallback!.series.at(-1)).toMatchObject({ active: 20, relogin: 0 });
    await lab.advance(UPPER);
    const [a] = await counters(p);
    expect(a.JsmSessionsClient).toBe(20);
    await lab.advance(UPPER);
    expect(await relation(p)).toEqual([20, 15, 15, 20]);
  });

  it("without dual registration a failover disconnects everyone, who re-login between the new node's limits", async () => {
    const p = await pairWithClients([60, 10], { dual: false });
    await lab.advance(UPPER);
    expect(await relation(p)).toEqual([30, 0, 10, 0]);
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    const [r] = await reports(p);
    expect(r).toMatchObject({ kind: "failover", affected: 30, dual: 0 });
    expect(r!.p50Ms).toBeGreaterThanOrEqual(120_000);
    expect(r!.maxMs).toBeLessThanOrEqual(UPPER * 1000);
    expect((await counters(p))[1]).toMatchObject({ JsmSessionsClient: 10, waitingRelogin: 30 });
    await lab.advance(UPPER);
    expect((await counters(p))[1]).toMatchObject({ JsmSessionsClient: 40, waitingRelogin: 0 });
  });

  it("iOS clients in the background wait for push, and Multiple Device Messaging doubles the wait", async () => {
    const run = async (mdm: boolean) => {
      const cluster = await rt().db.cluster.findUniqueOrThrow({ where: { name: "ha-lab" } });
      await clients.setClientSettings(rt().db, rt().clients, { cluster: cluster.id, multipleDeviceMessaging: mdm });
      const p = await pairWithClients([1000, 0], { kind: "ios-background" });
      await lab.act(p, "failover", "n1");
      await lab.advance(OP);
      const [r] = await reports(p);
      expect(r).toMatchObject({ affected: 500, push: 500, dual: 0 });
      return r!;
    };
    const plain = await run(false);
    const doubled = await run(true);
    // The tests after this one run without MDM.
    const cluster = await rt().db.cluster.findUniqueOrThrow({ where: { name: "ha-lab" } });
    await clients.setClientSettings(rt().db, rt().clients, { cluster: cluster.id, multipleDeviceMessaging: false });
    // 500 sessions at 15,000 per 15 minutes: the last within 30 s; twice that with MDM.
    expect(plain.maxMs).toBeLessThanOrEqual(30_000);
    expect(doubled.maxMs).toBeGreaterThan(1.5 * plain.maxMs);
    expect(doubled.maxMs).toBeLessThanOrEqual(60_000);
  });
});

describe("no double counting", () => {
  it("a user deleted, or re-assigned, while its client waits to re-login is counted once, where it is", async () => {
    const p = await pairWithClients([20, 10], { dual: false });
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    expect((await counters(p))[1]).toMatchObject({ clients: 20, waitingRelogin: 10 });

    const waiting = await rt().db.endUser.findMany({ where: { assignedNodeId: p.n1, signedIn: true }, orderBy: { id: "asc" }, take: 2 });
    await deleteUser(rt().db, waiting[0]!.id);
    // The Sync Agent hands the second back to node 1 behind the SRM's back.
    await rt().db.endUser.update({ where: { id: waiting[1]!.id }, data: { servingNodeId: p.n1 } });
    await rt().clients.reconcile();
    const [a, b] = await counters(p);
    expect([a.clients, b.clients, b.waitingRelogin]).toEqual([1, 18, 8]);
    await lab.advance(UPPER);
    const [a2, b2] = await counters(p);
    // Node 1 is failed over (Idle): it holds no connection, whoever it is said to serve.
    expect([a2.JsmSessionsClient, b2.JsmSessionsClient, b2.waitingRelogin]).toEqual([0, 18, 0]);
  });

  it("changing a client logs it in again without counting it twice", async () => {
    const p = await pairWithClients([2, 0]);
    const [user] = await rt().db.endUser.findMany({ where: { assignedNodeId: p.n1, signedIn: true } });
    await clients.setClient(rt().db, rt().clients, user!.id, { kind: "mobile", secure: false, dual: true });
    await lab.advance(UPPER);
    expect(await relation(p)).toEqual([1, 0, 0, 0]);
    await expect(clients.setClient(rt().db, rt().clients, 2_000_000, { kind: "mobile", secure: true, dual: true })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("temporary presence subscriptions (domain.md §7)", () => {
  it("a failover drops them: watchers see stale presence until they search again, within a minute of being back", async () => {
    // 200 signed-in users on node 1, all dual: back at once, but about a fifth were watching users outside their roster.
    const p = await pairWithClients([400, 0]);
    await lab.advance(UPPER);
    expect((await counters(p)).map((c) => c.stalePresence)).toEqual([0, 0]);

    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    const [failover] = await reports(p);
    expect(failover).toMatchObject({ kind: "failover", affected: 200, dual: 200, maxMs: 0 });
    expect(failover!.stalePresence).toBeGreaterThan(20);
    expect(failover!.stalePresence).toBeLessThan(60);
    expect(failover!.series[0]).toMatchObject({ active: 200, stale: failover!.stalePresence });
    // The last search of each watcher was at login, long ago: each searches again within RESEARCH_DELAY_MS.
    expect(failover!.series.at(-1)).toMatchObject({ stale: 0 });
    expect(failover!.series.at(-1)!.t).toBeLessThanOrEqual(RESEARCH_DELAY_MS);
    const [, b] = await counters(p);
    expect(b.stalePresence).toBeLessThanOrEqual(failover!.stalePresence);
    await lab.advance(RESEARCH_DELAY_MS / 1000);
    expect((await counters(p)).map((c) => c.stalePresence)).toEqual([0, 0]);

    // Back to node 1, the same watchers lose them again, and see stale presence until after they have re-logged in.
    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    const [fallback] = await reports(p);
    expect(fallback).toMatchObject({ kind: "fallback", affected: 200, dual: 0, stalePresence: failover!.stalePresence });
    for (const point of fallback!.series) if (point.t < 120_000) expect(point.stale).toBe(fallback!.stalePresence);
    await lab.advance(UPPER + RESEARCH_DELAY_MS / 1000);
    const [a] = await counters(p);
    expect([a.JsmSessionsClient, a.stalePresence]).toEqual([200, 0]);
  });
});

describe("API", () => {
  it("the OpenAPI document describes the stale presence of counters and outage reports", () => {
    const json = JSON.stringify(buildOpenApiDocument());
    expect(json.match(/"stalePresence"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(json).toContain("Watchers still seeing stale presence");
  });
});
