import { describe, expect, it } from "vitest";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { serviceParametersView, updateServiceParameters } from "@/lib/params/service.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { applyAssignmentMode, readPendingGroups } from "@/lib/users/sync-agent.ts";
import { eventually } from "./support/cluster.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

const lab = useHaLab();
const NORMAL: [string, string] = [S.NORMAL, R.NORMAL];

async function assigned(p: Pair): Promise<[number, number]> {
  const db = lab.runtime().db;
  return [await db.endUser.count({ where: { assignedNodeId: p.n1 } }), await db.endUser.count({ where: { assignedNodeId: p.n2 } })];
}

describe("a saved parameter takes effect in the running controller at once", () => {
  it("a shorter Keep Alive Timeout applies to the next check while the peer is already silent", async () => {
    const p = await lab.pair([4, 4]);
    const db = lab.runtime().db;
    await lab.alignToHeartbeat();
    const lastHeartbeat = lab.clock.now();
    await lab.fault(p, "n1", "stop-srm");
    await lab.advance(20);
    await lab.expectStates(p, NORMAL, NORMAL);
    await updateServiceParameters(db, lab.controller(), { cluster: { keepAliveTimeout: 30 } }, "admin");
    try {
      await lab.advance((lastHeartbeat + 30_000 - lab.clock.now()) / 1000);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.advance(0.001);
      await lab.expectStates(p, NORMAL, [S.TAKING_OVER, R.PEER_DOWN]);
    } finally {
      await updateServiceParameters(db, lab.controller(), { cluster: { keepAliveTimeout: DEFAULT_CLUSTER_PARAMETERS.keepAliveTimeout } }, "admin");
    }
    await lab.advance(LAB.stepSeconds + 1);
    await lab.fault(p, "n1", "start-srm");
    await lab.advance(LAB.srmStartSeconds + 1);
    await lab.act(p, "fallback", "n1");
    await lab.advance(2 * LAB.stepSeconds + 1);
    await lab.expectStates(p, NORMAL, NORMAL);
  });

  it("a longer Critical Service Down Delay postpones a failover already counting down", async () => {
    const p = await lab.pair([2, 2]);
    const db = lab.runtime().db;
    await lab.fault(p, "n1", "service-crash", "Cisco SIP Proxy");
    await lab.advance(60);
    await updateServiceParameters(db, lab.controller(), { cluster: { criticalServiceDownDelay: 300 } }, "admin");
    try {
      await lab.advance(240);
      await lab.expectStates(p, NORMAL, NORMAL);
      await lab.advance(0.001);
      await lab.expectStates(p, [S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN], [S.TAKING_OVER, R.CRITICAL_SERVICES_DOWN]);
    } finally {
      await updateServiceParameters(db, lab.controller(), { cluster: { criticalServiceDownDelay: DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay } }, "admin");
    }
  });

  it("warns when the two nodes of a group hold different re-login limits", async () => {
    const p = await lab.pair([0, 0], false);
    const db = lab.runtime().db;
    const view = await updateServiceParameters(db, lab.controller(), { nodes: [{ nodeId: p.n1, values: { clientReloginUpperLimit: 900 } }] }, "admin");
    expect(view.warnings.some((w) => w.includes("differ; both nodes of a group should hold the same limits"))).toBe(true);
    await updateServiceParameters(db, lab.controller(), { nodes: [{ nodeId: p.n2, values: { clientReloginUpperLimit: 900 } }] }, "admin");
    expect((await serviceParametersView(db)).warnings.some((w) => w.includes(`ha-`) && w.includes("both nodes of a group"))).toBe(false);
  });
});

describe("User Assignment Mode", () => {
  it("Active-Standby moves every user to the first node, Balanced spreads them evenly, None leaves them", async () => {
    const p = await lab.pair([10, 10], false);
    const db = lab.runtime().db;
    const controller = lab.controller();
    await applyAssignmentMode(db, controller, "Active-Standby", "admin");
    expect(await assigned(p)).toEqual([20, 0]);
    expect(await lab.served(p)).toEqual([20, 0, 0]);
    await applyAssignmentMode(db, controller, "None", "admin");
    expect(await assigned(p)).toEqual([20, 0]);
    await applyAssignmentMode(db, controller, "Balanced", "admin");
    expect(await assigned(p)).toEqual([10, 10]);
    expect(await lab.served(p)).toEqual([10, 10, 0]);
  });

  it("never re-assigns while a node of the group is failed over: the mode applies when the group is back to Normal", async () => {
    const p = await lab.pair([6, 6]);
    const db = lab.runtime().db;
    const controller = lab.controller();
    await lab.act(p, "failover", "n1");
    await lab.advance(2 * LAB.stepSeconds + 1);
    const result = await applyAssignmentMode(db, controller, "Active-Standby", "admin");
    expect(result.pendingGroups).toContain(p.groupId);
    expect(await assigned(p)).toEqual([6, 6]);
    expect(await lab.served(p)).toEqual([0, 12, 0]);

    await lab.act(p, "fallback", "n1");
    await lab.advance(2 * LAB.stepSeconds + 1);
    // The Sync Agent applies the mode on its own, once no group's work is queued.
    await eventually("the Sync Agent to apply the mode", async () => (await readPendingGroups(db)).includes(p.groupId) ? undefined : true);
    expect(await assigned(p)).toEqual([12, 0]);
    expect(await lab.served(p)).toEqual([12, 0, 0]);
    expect(await readPendingGroups(db)).not.toContain(p.groupId);
    await applyAssignmentMode(db, controller, "Balanced", "admin");
  });
});
