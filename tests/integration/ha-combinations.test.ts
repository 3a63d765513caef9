import { describe, expect, it } from "vitest";
import { SRM_SERVICE } from "@/lib/domain/services.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * The reproductions of issue 10: actions and faults in combination, each
 * driven on the virtual clock with the SRM knowing its peer only through
 * heartbeats. Every one ends in a documented (or README-listed) pair with a
 * way back to Normal / Normal that needs no reboot.
 */
const lab = useHaLab();
const STEP = LAB.stepSeconds;
const OP = 2 * STEP + 1;
const SRM = LAB.srmStartSeconds + 1;
const BOOT = LAB.bootSeconds + LAB.srmStartSeconds + 1;
const KEEPALIVE = DEFAULT_CLUSTER_PARAMETERS.keepAliveTimeout;
const INIT_KEEPALIVE = DEFAULT_CLUSTER_PARAMETERS.initializationKeepAliveTimeout;
const INTERVAL = DEFAULT_CLUSTER_PARAMETERS.keepAliveInterval;
const NORMAL: [string, string] = [S.NORMAL, R.NORMAL];
const FAILED: [string, string] = [S.FAILED_MODE, R.UNKNOWN];
/** Heartbeat phases tried: just after one, mid-interval, just before the next. */
const PHASES = [0.5, 4, 7.5, 14.5];

const node = (p: Pair, which: "n1" | "n2") => lab.controller().groupStatus(p.groupId).nodes[which === "n1" ? 0 : 1]!;

async function users(p: Pair, which: "n1" | "n2") {
  const [view] = await withUserCounts(lab.runtime().db, [lab.controller().groupStatus(p.groupId)]);
  return view!.nodes[which === "n1" ? 0 : 1]!.users;
}

async function fallBack(p: Pair, which: "n1" | "n2" = "n1") {
  expect(lab.allowed(p).fallback).toEqual([which]);
  await lab.act(p, "fallback", which);
  await lab.advance(OP);
  await lab.expectStates(p, NORMAL, NORMAL);
  await lab.expectUsersHome(p);
}

async function recover(p: Pair) {
  expect(lab.allowed(p).recover).toBe(true);
  await lab.act(p, "recover");
  await lab.advance(SRM);
}

describe("split brain", () => {
  it("isolate node 1, node 2's SRM restarted and stopped, then network and SRM back at once: never two backups, Recover then Fallback", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "isolate-network");
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(INIT_KEEPALIVE + 1 + STEP + 1);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN_INIT]);
    await lab.fault(p, "n2", "stop-srm");
    await lab.advance(20);
    await lab.fault(p, "n1", "restore-network");
    await lab.fault(p, "n2", "start-srm");
    for (let i = 0; i < 10; i++) {
      await lab.advance(1);
      const states = (await lab.states(p)).map(([s]) => s);
      expect(states.filter((s) => s === S.BACKUP)).not.toHaveLength(2);
    }
    await lab.expectStates(p, FAILED, FAILED);
    await recover(p);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });
});

describe("transitional states end", () => {
  it("node 2 isolated and its SRM restarted: node 1's take-over completes without it, node 2 resolves when heard again", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n2", "isolate-network");
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(KEEPALIVE + 1 + STEP + 1);
    await lab.expectStates(p, [S.BACKUP, R.PEER_DOWN], [S.INITIALIZING, R.INITIALIZATION]);
    expect(node(p, "n2").unreachable).toBe("network isolated");
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    await lab.advance(INIT_KEEPALIVE * 3);
    await lab.expectStates(p, [S.BACKUP, R.PEER_DOWN], [S.INITIALIZING, R.INITIALIZATION]);
    await lab.fault(p, "n2", "restore-network");
    await lab.advance(1);
    await lab.expectStates(p, [S.BACKUP, R.PEER_DOWN], [S.FAILED_OVER, R.INITIALIZATION]);
    await fallBack(p, "n2");
  });

  it("row 18 while the taker is off: node 1 powered off during its take-over, node 2 back on the network takes over after the Initialization timeout", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n2", "isolate-network");
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(KEEPALIVE + 1);
    await lab.expectStates(p, [S.TAKING_OVER, R.PEER_DOWN], [S.INITIALIZING, R.INITIALIZATION]);
    await lab.fault(p, "n1", "power-off");
    await lab.fault(p, "n2", "restore-network");
    // Back on the network, its Initialization Keep Alive Timeout counts from now.
    await lab.advance(INIT_KEEPALIVE);
    await lab.expectStates(p, [S.TAKING_OVER, R.PEER_DOWN], [S.INITIALIZING, R.INITIALIZATION]);
    await lab.advance(0.001 + STEP);
    await lab.expectStates(p, [S.TAKING_OVER, R.PEER_DOWN], [S.BACKUP, R.PEER_DOWN_INIT]);
    expect(node(p, "n1").unreachable).toBe("powered off");
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    await lab.fault(p, "n1", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_DOWN_INIT]);
    await fallBack(p);
  });
});

describe("backup lost", () => {
  it("while node 1 is Idle: node 1 starts its services and takes every user back after the Keep Alive Timeout", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.alignToHeartbeat();
    await lab.fault(p, "n2", "power-off");
    expect(await users(p, "n2")).toMatchObject({ serving: 0, active: 0, waiting: 50 });
    expect(node(p, "n2").unreachable).toBe("powered off");
    await lab.advance(KEEPALIVE + 1 + STEP);
    await lab.expectStates(p, [S.BACKUP, R.PEER_REBOOT], [S.BACKUP, R.ADMIN]);
    expect(node(p, "n1").services["Cisco Presence Engine"]).toBe("STARTED");
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    expect(await users(p, "n1")).toMatchObject({ serving: 50, waiting: 0 });
    await lab.fault(p, "n2", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.BACKUP, R.PEER_REBOOT], [S.FAILED_OVER, R.INITIALIZATION]);
    await fallBack(p, "n2");
  });

  it("while node 1 is Failed Over and healthy: node 1 takes its users back", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "service-crash", "Cisco Presence Engine");
    await lab.advance(DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay + 1 + OP);
    await lab.service(p, "n1", "Cisco Presence Engine", "start");
    await lab.expectStates(p, [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    await lab.alignToHeartbeat();
    await lab.fault(p, "n2", "power-off");
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: false });
    expect(node(p, "n1").timers.map((t) => t.kind)).toContain("heartbeat-timeout");
    await lab.advance(KEEPALIVE + 1 + STEP);
    await lab.expectStates(p, [S.BACKUP, R.PEER_REBOOT], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    // Why each change happened is in the history beside it.
    const why = async (toState: string) =>
      (await lab.runtime().db.haEvent.findFirst({ where: { groupId: p.groupId, nodeId: p.n1, kind: "state", toState }, orderBy: { id: "desc" } }))?.message;
    expect(await why(`${S.FAILING_OVER} / ${R.CRITICAL_SERVICES_DOWN}`)).toMatch(/Cisco Presence Engine down on ha-\d+-a longer than the Critical Service Down Delay \(90 s\)/);
    expect(await why(`${S.TAKING_OVER} / ${R.PEER_REBOOT}`)).toMatch(/no heartbeat from ha-\d+-b: taking over the users it holds/);
    await lab.fault(p, "n2", "power-on");
    await lab.advance(BOOT);
    await fallBack(p, "n2");
  });
});

describe("the peer's SRM is known only by its heartbeats", () => {
  it("row 8 by a stop then a start of the taking-over node's SRM: node 1 waits, the failover completes", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(1);
    await lab.fault(p, "n2", "stop-srm");
    await lab.advance(KEEPALIVE / 2);
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.ADMIN]);
    expect(node(p, "n2").unreachable).toBe("SRM stopped");
    await lab.fault(p, "n2", "start-srm");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.INITIALIZATION]);
    await lab.advance(OP);
    await lab.expectStates(p, [S.IDLE, R.ADMIN], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("the taking-over node's SRM stopped for good: node 1 gives up only after the Keep Alive Timeout and keeps its users", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.act(p, "failover", "n1");
    await lab.advance(1);
    await lab.fault(p, "n2", "stop-srm");
    await lab.advance(KEEPALIVE - 1);
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.ADMIN]);
    await lab.advance(1 + STEP);
    await lab.expectStates(p, [S.BACKUP, R.PEER_DOWN], [S.TAKING_OVER, R.ADMIN]);
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    const events = await lab.runtime().db.haEvent.findMany({ where: { groupId: p.groupId, kind: "warning" } });
    expect(events.map((e) => e.message)).toContainEqual(expect.stringContaining("gave up the failover: no heartbeat from"));
    await lab.fault(p, "n2", "start-srm");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.BACKUP, R.PEER_DOWN], [S.FAILED_OVER, R.INITIALIZATION]);
    await fallBack(p, "n2");
  });

  it('"start" on a running SRM is refused (409) and restarts nothing', async () => {
    const p = await lab.pair();
    await expect(lab.service(p, "n1", SRM_SERVICE, "start")).rejects.toMatchObject({ code: "conflict" });
    await expect(lab.fault(p, "n1", "start-srm")).rejects.toMatchObject({ code: "conflict" });
    await lab.expectStates(p, NORMAL, NORMAL);
  });
});

describe("every phase of the heartbeat cycle", () => {
  const withBoot = async (bootSeconds: number, fn: () => Promise<void>) => {
    await lab.controller().setLabSettings({ speed: 1, ...LAB, bootSeconds });
    try {
      await fn();
    } finally {
      await lab.controller().setLabSettings({ speed: 1, ...LAB });
    }
  };

  for (const phase of PHASES) {
    it(`reboot ${phase}s after a heartbeat, with a boot as long as the Keep Alive Timeout: row 17, then Fallback`, () =>
      withBoot(KEEPALIVE, async () => {
        const p = await lab.pair();
        await lab.alignToHeartbeat();
        await lab.advance(phase);
        await lab.fault(p, "n1", "reboot");
        expect(node(p, "n1").unreachable).toBe("booting");
        expect(await users(p, "n1")).toMatchObject({ serving: 0, active: 0, waiting: 30 });
        await lab.advance(KEEPALIVE - phase);
        await lab.expectStates(p, NORMAL, NORMAL);
        await lab.advance(0.001);
        await lab.expectStates(p, NORMAL, [S.TAKING_OVER, R.PEER_REBOOT]);
        await lab.advance(Math.max(STEP, phase) + LAB.srmStartSeconds + 1);
        await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_REBOOT]);
        expect(await lab.served(p)).toEqual([0, 50, 0]);
        await fallBack(p);
      }));

    it(`power off ${phase}s after a heartbeat: taken over exactly at the Keep Alive Timeout; power on, Fallback`, async () => {
      const p = await lab.pair();
      await lab.alignToHeartbeat();
      await lab.advance(phase);
      await lab.fault(p, "n1", "power-off");
      await lab.advance(KEEPALIVE - phase);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.advance(0.001 + STEP);
      await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_REBOOT]);
      await lab.fault(p, "n1", "power-on");
      await lab.advance(BOOT);
      await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_REBOOT]);
      await fallBack(p);
    });

    it(`network isolated ${phase}s after a heartbeat: taken over at the Keep Alive Timeout; restored, Recover, Fallback`, async () => {
      const p = await lab.pair();
      await lab.alignToHeartbeat();
      await lab.advance(phase);
      await lab.fault(p, "n1", "isolate-network");
      await lab.advance(KEEPALIVE - phase);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.advance(0.001 + STEP);
      await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN]);
      await lab.fault(p, "n1", "restore-network");
      await lab.expectStates(p, FAILED, FAILED);
      await recover(p);
      await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
      await fallBack(p);
    });
  }

  it("a node back within the Keep Alive Timeout is heard again and nothing fails over, whatever the phase", async () => {
    for (const phase of PHASES) {
      const p = await lab.pair();
      await lab.alignToHeartbeat();
      await lab.advance(phase);
      await lab.fault(p, "n1", "power-off");
      await lab.advance(INTERVAL);
      await lab.fault(p, "n1", "power-on");
      await lab.advance(BOOT);
      await lab.advance(KEEPALIVE);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.expectUsersHome(p);
    }
  });
});

describe("Peer Down or Peer Reboot is what the surviving SRM heard, not the peer's power", () => {
  it("a node that shuts down tells its peer first: row 17 (Peer Reboot)", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "power-off");
    await lab.advance(KEEPALIVE + 1 + OP);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_REBOOT]);
    expect(node(p, "n1").peerLastHeard).toMatchObject({ state: S.NORMAL, reason: R.NORMAL });
  });

  it("powered off while isolated, its notice never arrives: the peer saw only silence, row 16 (Peer Down)", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "isolate-network");
    await lab.advance(2);
    await lab.fault(p, "n1", "power-off");
    await lab.advance(KEEPALIVE + 1 + OP);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN]);
  });

  it("its SRM stopped before the shutdown: the peer heard the SRM go silent, row 16 (Peer Down)", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "stop-srm");
    await lab.advance(2);
    await lab.fault(p, "n1", "power-off");
    await lab.advance(KEEPALIVE + 1 + OP);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN]);
  });

  it("while its node is unreachable, the status says what its peer last heard from it", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.fault(p, "n2", "isolate-network");
    expect(node(p, "n2").unreachable).toBe("network isolated");
    expect(node(p, "n2").peerLastHeard).toMatchObject({ state: S.BACKUP, reason: R.ADMIN });
  });
});
