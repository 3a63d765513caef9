import { describe, expect, it } from "vitest";
import { getGroup, updateGroup } from "@/lib/groups/service.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * One test per row of Table 2 (../shared/spec/domain.md §4): each drives the
 * documented cause on the virtual clock, checks both nodes' persisted state
 * and reason and the allowed actions, then takes the documented way back to
 * Normal / Normal with every user served by its own node.
 */
const lab = useHaLab();
const STEP = LAB.stepSeconds;
const OP = 2 * STEP + 1; // a two-step failover or fallback, complete
const SRM = LAB.srmStartSeconds + 1;
const BOOT = LAB.bootSeconds + LAB.srmStartSeconds + 1;
const CSD = DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;
const KEEPALIVE = DEFAULT_CLUSTER_PARAMETERS.keepAliveTimeout;
const INIT_KEEPALIVE = DEFAULT_CLUSTER_PARAMETERS.initializationKeepAliveTimeout;
const SRM_SERVICE = "Cisco Server Recovery Manager";
const PRESENCE_ENGINE = "Cisco Presence Engine";

const NORMAL: [string, string] = [S.NORMAL, R.NORMAL];

async function manualFailover(p: Pair) {
  await lab.act(p, "failover", "n1");
  await lab.advance(OP);
  await lab.expectStates(p, [S.IDLE, R.ADMIN], [S.BACKUP, R.ADMIN]);
}

/** The documented way back from a failed-over node 1: Fallback, then Normal / Normal. */
async function fallBack(p: Pair, node: "n1" | "n2" = "n1") {
  expect(lab.allowed(p).fallback).toEqual([node]);
  await lab.act(p, "fallback", node);
  await lab.advance(OP);
  await lab.expectStates(p, NORMAL, NORMAL);
  await lab.expectUsersHome(p);
}

/** Critical service down on node 1 until failover completes: row 12. */
async function criticalServiceFailover(p: Pair) {
  await lab.fault(p, "n1", "service-crash", PRESENCE_ENGINE);
  await lab.advance(CSD + 1 + OP);
  await lab.expectStates(p, [S.FAILED_OVER_CSNR, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
}

async function recover(p: Pair) {
  expect(lab.allowed(p).recover).toBe(true);
  await lab.act(p, "recover");
  await lab.advance(SRM);
}

describe("Table 2: node states, reasons and actions", () => {
  it("row 1: Normal / Normal, both nodes may be failed over", async () => {
    const p = await lab.pair();
    await lab.expectStates(p, NORMAL, NORMAL);
    expect(lab.allowed(p)).toEqual({ failover: ["n1", "n2"], fallback: [], recover: false });
    await lab.expectUsersHome(p);
  });

  it("row 2: manual failover in progress: Failing Over / Taking Over, On Admin Request; a second request is refused", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.ADMIN]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: false });
    await expect(lab.act(p, "failover", "n2")).rejects.toMatchObject({ code: "conflict" });
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.ADMIN]);
    await lab.advance(OP);
    await fallBack(p);
  });

  it("row 3: manual failover complete: Idle / Running in Backup Mode, critical services stopped, users on node 2", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    const node1 = lab.controller().groupStatus(p.groupId).nodes[0]!;
    expect(node1.services[PRESENCE_ENGINE]).toBe("STOPPED");
    expect(node1.services[SRM_SERVICE]).toBe("STARTED");
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: ["n1"], recover: false });
    await fallBack(p);
  });

  it("row 4: manual fallback in progress: Taking Back / Falling Back, On Admin Request", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.act(p, "fallback", "n1");
    await lab.expectStates(p, [S.TAKING_BACK, R.ADMIN], [S.FALLING_BACK, R.ADMIN]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: false });
    await lab.advance(OP);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });

  it("row 5: SRM restarted on node 1 while Idle: Idle / Initialization, Running in Backup Mode / On Admin Request", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.service(p, "n1", SRM_SERVICE, "restart");
    await lab.expectStates(p, [S.INITIALIZING, R.INITIALIZATION], [S.BACKUP, R.ADMIN]);
    await lab.advance(SRM);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.ADMIN]);
    await fallBack(p);
  });

  it("row 6: both SRMs restarted during manual failover: Idle / Initialization, Running in Backup Mode / Initialization", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.service(p, "n1", SRM_SERVICE, "restart");
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 6 (reboot): both nodes rebooted during manual failover come back in the same states", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.fault(p, "n1", "reboot");
    await lab.fault(p, "n2", "reboot");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 7: SRM restarted on node 2 in backup mode: Idle / On Admin Request, Running in Backup Mode / Initialization", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.IDLE, R.ADMIN], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 8: SRM restarted on node 2 while taking over: Failing Over / On Admin Request, Taking Over / Initialization", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(1);
    await lab.service(p, "n2", SRM_SERVICE, "restart");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.INITIALIZATION]);
    await lab.advance(OP);
    await lab.expectStates(p, [S.IDLE, R.ADMIN], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 9: SRM restarted on node 1 during take-back: Taking Back / Initialization, Falling Back / On Admin Request, then Normal", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.act(p, "fallback", "n1");
    await lab.advance(1);
    await lab.service(p, "n1", SRM_SERVICE, "restart");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.TAKING_BACK, R.INITIALIZATION], [S.FALLING_BACK, R.ADMIN]);
    await lab.advance(OP);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });

  it("row 10: automatic fallback exactly 30 minutes after node 1 is healthy: Taking Back / Falling Back, Automatic Fallback", async () => {
    const p = await lab.pair();
    await lab.controller().setParameters({ ...DEFAULT_CLUSTER_PARAMETERS, enableAutomaticFallback: true });
    try {
      await criticalServiceFailover(p);
      await lab.service(p, "n1", PRESENCE_ENGINE, "start");
      await lab.expectStates(p, [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
      await lab.advance(30 * 60 - 0.001);
      await lab.expectStates(p, [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
      await lab.advance(0.001);
      await lab.expectStates(p, [S.TAKING_BACK, R.AUTO_FALLBACK], [S.FALLING_BACK, R.AUTO_FALLBACK]);
      await lab.advance(OP);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.expectUsersHome(p);
    } finally {
      await lab.controller().setParameters(DEFAULT_CLUSTER_PARAMETERS);
    }
  });

  it("row 10 is off by default: without Enable Automatic Fallback node 1 stays Failed Over", async () => {
    const p = await lab.pair();
    await criticalServiceFailover(p);
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await lab.advance(2 * 60 * 60);
    await lab.expectStates(p, [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    await fallBack(p);
  });

  it("row 11: node 1's critical services started again: Failed Over / Critical Services Down, Fallback allowed", async () => {
    const p = await lab.pair();
    await criticalServiceFailover(p);
    expect(lab.allowed(p).fallback).toEqual([]);
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await lab.expectStates(p, [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    await fallBack(p);
  });

  it("row 11 (reboot): node 1 rebooted after the failover: Failed Over / Initialization", async () => {
    const p = await lab.pair();
    await criticalServiceFailover(p);
    await lab.fault(p, "n1", "reboot");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    await fallBack(p);
  });

  it("row 12: a critical service down longer than the Critical Service Down Delay fails node 1 over, not a moment sooner", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "service-crash", PRESENCE_ENGINE);
    await lab.advance(CSD);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.advance(0.001);
    await lab.expectStates(p, [S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN], [S.TAKING_OVER, R.CRITICAL_SERVICES_DOWN]);
    await lab.advance(OP);
    await lab.expectStates(p, [S.FAILED_OVER_CSNR, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: false });
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await fallBack(p);
  });

  it("row 12: a critical service back before the delay ends causes no failover", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "service-crash", PRESENCE_ENGINE);
    await lab.advance(CSD - 1);
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await lab.advance(CSD * 2);
    await lab.expectStates(p, NORMAL, NORMAL);
  });

  it("row 13: database down on node 1: Failed Over with Critical Services Not Running / Database Failure; reboot, then Fallback", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "database-failure");
    await lab.advance(CSD + 1);
    await lab.expectStates(p, [S.FAILING_OVER, R.DATABASE_FAILURE], [S.TAKING_OVER, R.DATABASE_FAILURE]);
    await lab.advance(OP);
    await lab.expectStates(p, [S.FAILED_OVER_CSNR, R.DATABASE_FAILURE], [S.BACKUP, R.DATABASE_FAILURE]);
    await lab.fault(p, "n1", "reboot");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.DATABASE_FAILURE]);
    await fallBack(p);
  });

  it("row 14: critical services fail to start during take-back: Running in Failed Mode / Start of Critical Services Failed; Recover, reboot, Fallback", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.fault(p, "n1", "service-start-failure");
    await lab.act(p, "fallback", "n1");
    await lab.advance(STEP + 1);
    await lab.expectStates(p, [S.FAILED_MODE, R.START_FAILED], [S.FAILED_MODE, R.START_FAILED]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: true });
    await recover(p);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await lab.fault(p, "n1", "reboot");
    await lab.advance(BOOT);
    await fallBack(p);
  });

  it("row 15: critical service down on the backup node while node 1 is Idle: both Running in Failed Mode / Critical Services Down; Recover", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.fault(p, "n2", "service-crash", PRESENCE_ENGINE);
    await lab.advance(CSD + 1);
    await lab.expectStates(p, [S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN], [S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: true });
    await lab.service(p, "n2", PRESENCE_ENGINE, "start");
    await recover(p);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 16: node 1's SRM not running: node 2 Running in Backup Mode / Peer Down after the Keep Alive Timeout; start SRM, Fallback", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n1", "stop-srm");
    await lab.advance(KEEPALIVE);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.advance(0.001);
    await lab.expectStates(p, NORMAL, [S.TAKING_OVER, R.PEER_DOWN]);
    await lab.advance(STEP + 1);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN]);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    expect(lab.controller().groupStatus(p.groupId).nodes[0]!.srmRunning).toBe(false);
    await lab.fault(p, "n1", "start-srm");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_DOWN]);
    await fallBack(p);
  });

  it("row 16 (network): node 1 isolated, then back: both enter a failed state; Recover, then Fallback", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n1", "isolate-network");
    await lab.advance(KEEPALIVE + 1 + STEP + 1);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN]);
    await lab.fault(p, "n1", "restore-network");
    await lab.expectStates(p, [S.FAILED_MODE, R.UNKNOWN], [S.FAILED_MODE, R.UNKNOWN]);
    await recover(p);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 16: the timeout counts from the last heartbeat heard, on the Keep Alive Interval", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    const lastHeartbeat = lab.clock.now();
    await lab.advance(10); // mid-interval: no heartbeat since lastHeartbeat
    await lab.fault(p, "n1", "stop-srm");
    await lab.advance((lastHeartbeat + KEEPALIVE * 1000 - lab.clock.now()) / 1000);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.advance(0.001);
    await lab.expectStates(p, NORMAL, [S.TAKING_OVER, R.PEER_DOWN]);
  });

  it("row 17: node 1 powered off: node 2 Running in Backup Mode / Peer Reboot; power on, Fallback", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n1", "power-off");
    await lab.advance(KEEPALIVE);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.advance(0.001 + STEP + 1);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_REBOOT]);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    await lab.fault(p, "n1", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_REBOOT]);
    await fallBack(p);
  });

  it("row 18: node 2 starts without seeing node 1: Running in Backup Mode / Peer Down During Initialization after the Initialization timeout", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "power-off");
    await lab.fault(p, "n2", "power-off");
    await lab.fault(p, "n2", "power-on");
    await lab.advance(LAB.bootSeconds);
    await lab.expectStates(p, NORMAL, [S.INITIALIZING, R.INITIALIZATION]);
    await lab.advance(INIT_KEEPALIVE);
    await lab.expectStates(p, NORMAL, [S.INITIALIZING, R.INITIALIZATION]);
    await lab.advance(0.001 + STEP + 1);
    await lab.expectStates(p, NORMAL, [S.BACKUP, R.PEER_DOWN_INIT]);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    await lab.fault(p, "n1", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.PEER_DOWN_INIT]);
    await fallBack(p);
  });

  it("row 19: moving users fails during take-over: both Running in Failed Mode / Take Over Users Failed; Recover", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "user-move-failure");
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.expectStates(p, [S.FAILED_MODE, R.TAKE_OVER_FAILED], [S.FAILED_MODE, R.TAKE_OVER_FAILED]);
    await lab.expectUsersHome(p);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: true });
    await recover(p);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });

  it("row 20: moving users fails during fallback: both Running in Failed Mode / Take Back Users Failed; Recover, Fallback", async () => {
    const p = await lab.pair();
    await manualFailover(p);
    await lab.fault(p, "n2", "user-move-failure");
    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    await lab.expectStates(p, [S.FAILED_MODE, R.TAKE_BACK_FAILED], [S.FAILED_MODE, R.TAKE_BACK_FAILED]);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    await recover(p);
    await lab.expectStates(p, [S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]);
    await fallBack(p);
  });

  it("row 21: an SRM restarted while its peer's SRM is failed: both Running in Failed Mode / Unknown; Recover", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "user-move-failure");
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.service(p, "n1", SRM_SERVICE, "restart");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.FAILED_MODE, R.UNKNOWN], [S.FAILED_MODE, R.UNKNOWN]);
    await recover(p);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });

  it("row 22: database down on the backup node while node 1 is healthy and failed over: Backup Activated / Failover Affected Services, Auto Recover Database Failure", async () => {
    const p = await lab.pair();
    await criticalServiceFailover(p);
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await lab.fault(p, "n2", "database-failure");
    await lab.advance(CSD + 1);
    await lab.expectStates(p, [S.BACKUP_ACTIVATED, R.AUTO_RECOVER_DB], [S.FAILOVER_AFFECTED, R.AUTO_RECOVER_DB]);
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    await lab.service(p, "n2", "Cisco DB", "start");
    await lab.expectStates(p, [S.BACKUP, R.CRITICAL_SERVICES_DOWN], [S.FAILED_OVER, R.CRITICAL_SERVICES_DOWN]);
    await fallBack(p, "n2");
  });

  it("row 23: critical service down on the backup node while node 1 is healthy and failed over: all users move to node 1", async () => {
    const p = await lab.pair();
    await criticalServiceFailover(p);
    await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    await lab.fault(p, "n2", "service-crash", "Cisco XCP Router");
    await lab.advance(CSD + 1);
    await lab.expectStates(p, [S.BACKUP_ACTIVATED, R.AUTO_RECOVER_DB], [S.FAILOVER_AFFECTED, R.AUTO_RECOVER_CSD]);
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    await lab.service(p, "n2", "Cisco XCP Router", "start");
    await fallBack(p, "n2");
  });

  it("row 24: HA enabled while an SRM is not running: Unknown / Unknown; Recover restarts both SRMs", async () => {
    const p = await lab.pair([10, 10], false);
    await lab.expectStates(p, [S.UNKNOWN, R.HA_NOT_ENABLED], [S.UNKNOWN, R.HA_NOT_ENABLED]);
    await lab.fault(p, "n1", "stop-srm");
    await enableHa(p);
    await lab.expectStates(p, [S.UNKNOWN, R.NONE], [S.UNKNOWN, R.NONE]);
    expect(lab.allowed(p).recover).toBe(true);
    await recover(p);
    await lab.expectStates(p, NORMAL, NORMAL);
  });

  it("row 24: restarting the SRM on both nodes also leaves Unknown / Unknown", async () => {
    const p = await lab.pair([10, 10], false);
    await lab.fault(p, "n2", "stop-srm");
    await enableHa(p);
    await lab.service(p, "n2", SRM_SERVICE, "start");
    await lab.advance(SRM);
    await lab.expectStates(p, [S.UNKNOWN, R.NONE], [S.UNKNOWN, R.NONE]);
    await lab.service(p, "n1", SRM_SERVICE, "restart");
    await lab.advance(SRM * 2);
    await lab.expectStates(p, NORMAL, NORMAL);
  });
});

async function enableHa(p: Pair) {
  const db = lab.runtime().db;
  const { version } = await getGroup(db, p.groupId);
  await lab.controller().changeGroups("admin", () => updateGroup(db, p.groupId, { version, haEnabled: true }));
}

describe("enabling High Availability (documented consequences)", () => {
  it("shows Unknown / High Availability Not Enabled while HA is off, as the CLI does", async () => {
    const p = await lab.pair([1, 1], false);
    await lab.expectStates(p, [S.UNKNOWN, R.HA_NOT_ENABLED], [S.UNKNOWN, R.HA_NOT_ENABLED]);
    expect(lab.allowed(p)).toEqual({ failover: [], fallback: [], recover: false });
  });

  it("critical services down on one node: that node fails over at once", async () => {
    const p = await lab.pair([5, 5], false);
    await lab.service(p, "n2", "Cisco SIP Proxy", "stop");
    await enableHa(p);
    await lab.expectStates(p, [S.TAKING_OVER, R.CRITICAL_SERVICES_DOWN], [S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN]);
    await lab.advance(OP);
    await lab.expectStates(p, [S.BACKUP, R.CRITICAL_SERVICES_DOWN], [S.FAILED_OVER_CSNR, R.CRITICAL_SERVICES_DOWN]);
    await lab.service(p, "n2", "Cisco SIP Proxy", "start");
    await fallBack(p, "n2");
  });

  it("critical services down on both nodes: the group goes to a failed state", async () => {
    const p = await lab.pair([5, 5], false);
    await lab.service(p, "n1", "Cisco Sync Agent", "stop");
    await lab.service(p, "n2", "Cisco Sync Agent", "stop");
    await enableHa(p);
    await lab.expectStates(p, [S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN], [S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN]);
    await lab.service(p, "n1", "Cisco Sync Agent", "start");
    await lab.service(p, "n2", "Cisco Sync Agent", "start");
    await recover(p);
    await lab.expectStates(p, NORMAL, NORMAL);
  });

  it("warns in the history when replication is not set up (state 2) on a node", async () => {
    const p = await lab.pair([1, 1], true, [2, 3]);
    const warnings = await lab.runtime().db.haEvent.findMany({ where: { groupId: p.groupId, kind: "warning" } });
    expect(warnings.map((w) => [w.nodeId, w.message])).toEqual([
      [p.n2, expect.stringContaining("Database replication on ha-")],
    ]);
    expect(warnings[0]!.message).toContain("is 3 (Replication is bad in the cluster), not 2");
    await lab.expectStates(p, NORMAL, NORMAL);
  });

  it("XCP Authentication Service counts as critical only while its monitoring parameter is on", async () => {
    const p = await lab.pair([2, 2]);
    await lab.fault(p, "n1", "service-crash", "Cisco XCP Authentication Service");
    await lab.advance(CSD * 2);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.controller().setParameters({ ...DEFAULT_CLUSTER_PARAMETERS, monitorXcpAuthentication: true });
    try {
      await lab.advance(CSD + 1);
      await lab.expectStates(p, [S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN], [S.TAKING_OVER, R.CRITICAL_SERVICES_DOWN]);
    } finally {
      await lab.controller().setParameters(DEFAULT_CLUSTER_PARAMETERS);
    }
  });

  it("refuses to disable HA while a node is failed over, and allows it once fallen back", async () => {
    const p = await lab.pair([3, 3]);
    await manualFailover(p);
    const db = lab.runtime().db;
    const disable = async () => {
      const { version } = await getGroup(db, p.groupId);
      return lab.controller().changeGroups(
        "admin",
        () => updateGroup(db, p.groupId, { version, haEnabled: false }),
        (machineOf) => machineOf(p.groupId).disableHa(),
      );
    };
    await expect(disable()).rejects.toMatchObject({ code: "conflict" });
    expect((await getGroup(db, p.groupId)).haEnabled).toBe(true);
    await fallBack(p);
    await disable();
    await lab.expectStates(p, [S.UNKNOWN, R.HA_NOT_ENABLED], [S.UNKNOWN, R.HA_NOT_ENABLED]);
  });
});

describe("history", () => {
  it("writes an event per state change with old and new state, reason and who acted", async () => {
    const p = await lab.pair([1, 1]);
    await lab.act(p, "failover", "n1");
    const events = await lab.runtime().db.haEvent.findMany({ where: { groupId: p.groupId, kind: "state", nodeId: p.n1 }, orderBy: { id: "desc" }, take: 1 });
    expect(events[0]).toMatchObject({
      fromState: `${S.NORMAL} / ${R.NORMAL}`,
      toState: `${S.FAILING_OVER} / ${R.ADMIN}`,
      reason: R.ADMIN,
      actor: "admin",
    });
    await lab.advance(OP);
    const bySrm = await lab.runtime().db.haEvent.findFirst({ where: { groupId: p.groupId, kind: "state", nodeId: p.n1 }, orderBy: { id: "desc" } });
    expect(bySrm).toMatchObject({ toState: `${S.IDLE} / ${R.ADMIN}`, actor: "SRM" });
    await fallBack(p);
  });
});
