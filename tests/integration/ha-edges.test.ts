import { describe, expect, it } from "vitest";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * Sequences outside Table 2 that must still never lose a user, serve one
 * twice, or leave a group with no way back to Normal.
 */
const lab = useHaLab();
const OP = 2 * LAB.stepSeconds + 1;
const SRM = LAB.srmStartSeconds + 1;
const BOOT = LAB.bootSeconds + LAB.srmStartSeconds + 1;
const NORMAL: [string, string] = [S.NORMAL, R.NORMAL];
const FAILED: [string, string] = [S.FAILED_MODE, R.UNKNOWN];

async function recoverAndFallBack(p: Pair, expectAfterRecover: [[string, string], [string, string]]) {
  expect(lab.allowed(p).recover).toBe(true);
  await lab.act(p, "recover");
  await lab.advance(SRM);
  await lab.expectStates(p, ...expectAfterRecover);
  if (lab.allowed(p).fallback.length) {
    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
  }
  await lab.expectStates(p, NORMAL, NORMAL);
  await lab.expectUsersHome(p);
}

describe("losing a node during a transition", () => {
  const KEEPALIVE = 60;

  it("the taking-over node powered off mid-failover: the failover waits, then node 1 gives up at the Keep Alive Timeout and keeps its users", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(2);
    await lab.fault(p, "n2", "power-off");
    await lab.advance(OP);
    await lab.expectStates(p, [S.FAILING_OVER, R.ADMIN], [S.TAKING_OVER, R.ADMIN]);
    await lab.expectUsersHome(p);
    await lab.advance(KEEPALIVE);
    await lab.expectStates(p, [S.BACKUP, R.PEER_REBOOT], [S.TAKING_OVER, R.ADMIN]);
    expect(await lab.served(p)).toEqual([50, 0, 0]);
    expect(lab.controller().groupStatus(p.groupId).nodes[0]!.services["Cisco Presence Engine"]).toBe("STARTED");
    await lab.fault(p, "n2", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.BACKUP, R.PEER_REBOOT], [S.FAILED_OVER, R.INITIALIZATION]);
    await lab.act(p, "fallback", "n2");
    await lab.advance(OP);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });

  it("the node taking back powered off mid-fallback: no services are started on it, its users stay on the peer, which stays in backup mode", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.act(p, "fallback", "n1");
    await lab.advance(2);
    await lab.fault(p, "n1", "power-off");
    await lab.advance(OP);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    expect(lab.controller().groupStatus(p.groupId).nodes[0]!.services["Cisco Presence Engine"]).toBe("STOPPED");
    await lab.advance(KEEPALIVE);
    await lab.expectStates(p, [S.TAKING_BACK, R.ADMIN], [S.BACKUP, R.PEER_REBOOT]);
    await lab.fault(p, "n1", "power-on");
    await lab.advance(BOOT);
    await lab.expectStates(p, [S.IDLE, R.INITIALIZATION], [S.BACKUP, R.PEER_REBOOT]);
    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    await lab.expectStates(p, NORMAL, NORMAL);
    await lab.expectUsersHome(p);
  });
});

describe("a node heard again too soon", () => {
  it("network restored while its users are being taken over: both fail, Recover, Fallback", async () => {
    const p = await lab.pair();
    await lab.alignToHeartbeat();
    await lab.fault(p, "n1", "isolate-network");
    await lab.advance(61);
    await lab.expectStates(p, NORMAL, [S.TAKING_OVER, R.PEER_DOWN]);
    await lab.fault(p, "n1", "restore-network");
    await lab.advance(LAB.stepSeconds);
    await lab.expectStates(p, FAILED, FAILED);
    expect(await lab.served(p)).toEqual([0, 50, 0]);
    await recoverAndFallBack(p, [[S.FAILED_OVER, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]]);
  });

  it("a failed take-over while the peer was isolated: when the peer is heard again, both fail and Recover restores Normal", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "user-move-failure");
    await lab.alignToHeartbeat();
    await lab.fault(p, "n2", "isolate-network");
    await lab.advance(61 + LAB.stepSeconds);
    await lab.expectStates(p, [S.FAILED_MODE, R.TAKE_OVER_FAILED], NORMAL);
    await lab.fault(p, "n2", "restore-network");
    await lab.expectStates(p, FAILED, FAILED);
    await recoverAndFallBack(p, [NORMAL, NORMAL]);
  });
});
