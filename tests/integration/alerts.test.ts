import { describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { listAlerts } from "@/lib/alerts/service.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

const lab = useHaLab();
const STEP = LAB.stepSeconds;
const OP = 2 * STEP + 1;
const BOOT = LAB.bootSeconds + LAB.srmStartSeconds + 1;
const CSD = DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;

/** The pair's alerts once every change so far is recorded. */
async function alertsOf(p: Pair) {
  await lab.runtime().alerts.settled();
  const all = await listAlerts(lab.runtime().db, {});
  const ids = [p.n1, p.n2];
  return all.filter((a) => ids.includes(a.nodeId)).sort((a, b) => a.id - b.id);
}

const node = (p: Pair, which: "n1" | "n2") => lab.controller().groupStatus(p.groupId).nodes.find((n) => n.id === p[which])!;

async function fallBack(p: Pair) {
  await lab.act(p, "fallback", "n1");
  await lab.advance(OP);
  await lab.expectStates(p, [S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]);
}

describe("alerts on the virtual clock", () => {
  it("SRMFailover is raised with node, group, reason and time when a node fails over, and cleared by the fallback", async () => {
    const p = await lab.pair();
    expect(await alertsOf(p)).toEqual([]);
    const started = lab.clock.now();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    const [raised] = await alertsOf(p);
    expect(raised).toMatchObject({
      name: "SRMFailover",
      nodeId: p.n1,
      nodeName: node(p, "n1").hostName,
      groupId: p.groupId,
      groupName: lab.controller().groupStatus(p.groupId).groupName,
      reason: R.ADMIN,
      clearedAt: null,
    });
    expect(Date.parse(raised!.raisedAt)).toBeGreaterThanOrEqual(started);
    await fallBack(p);
    const after = await alertsOf(p);
    expect(after).toHaveLength(1);
    expect(after[0]!.clearedAt).not.toBeNull();
    expect(Date.parse(after[0]!.clearedAt!)).toBeGreaterThan(Date.parse(raised!.raisedAt));
  });

  it("CriticalServiceDown is raised when a critical service stays down and cleared when the node takes its users back", async () => {
    const p = await lab.pair();
    await lab.fault(p, "n1", "service-crash", "Cisco Presence Engine");
    await lab.advance(CSD + 1 + OP);
    await lab.expectStates(p, [S.FAILED_OVER_CSNR, R.CRITICAL_SERVICES_DOWN], [S.BACKUP, R.CRITICAL_SERVICES_DOWN]);
    const active = (await alertsOf(p)).filter((a) => a.clearedAt === null);
    expect(active.map((a) => [a.name, a.nodeId, a.reason]).sort()).toEqual(
      [
        ["CriticalServiceDown", p.n1, R.CRITICAL_SERVICES_DOWN],
        ["SRMFailover", p.n1, R.CRITICAL_SERVICES_DOWN],
      ].sort(),
    );
    await lab.fault(p, "n1", "reboot");
    await lab.advance(BOOT);
    await fallBack(p);
    expect((await alertsOf(p)).filter((a) => a.clearedAt === null)).toEqual([]);
  });

  it("SRMFailed is raised for each node Running in Failed Mode and cleared by Recover", async () => {
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.fault(p, "n1", "service-start-failure");
    await lab.act(p, "fallback", "n1");
    await lab.advance(STEP + 1);
    await lab.expectStates(p, [S.FAILED_MODE, R.START_FAILED], [S.FAILED_MODE, R.START_FAILED]);
    const failed = (await alertsOf(p)).filter((a) => a.name === "SRMFailed");
    expect(failed.map((a) => [a.nodeId, a.reason, a.clearedAt])).toEqual([
      [p.n1, R.START_FAILED, null],
      [p.n2, R.START_FAILED, null],
    ]);
    await lab.act(p, "recover");
    await lab.advance(LAB.srmStartSeconds + 1);
    const cleared = (await alertsOf(p)).filter((a) => a.name === "SRMFailed");
    expect(cleared.every((a) => a.clearedAt !== null)).toBe(true);
  });
});
