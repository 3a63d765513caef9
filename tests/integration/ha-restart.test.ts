import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "@/lib/db/config.ts";
import { createGroup } from "@/lib/groups/service.ts";
import { VirtualClock } from "@/lib/ha/clock.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { startRuntime, type Runtime } from "@/lib/server/runtime.ts";
import { writeScope } from "@/lib/params/store.ts";
import { insertUsers } from "@/lib/users/bulk.ts";
import { ownDatabase } from "./support/own-database.ts";

/**
 * The controller resumes from the database after a server restart as the
 * SRM does after its own restart: never from scratch.
 */
let config: DatabaseConfig;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ config, cleanup } = await ownDatabase("restart"));
});
afterAll(async () => cleanup());

const LAB = { speed: 1, stepSeconds: 10, srmStartSeconds: 2, bootSeconds: 30 };

async function boot(clock: VirtualClock): Promise<Runtime> {
  const runtime = await startRuntime(config, () => {}, { clock });
  // Persisted, so the next start reads the same durations (the resume uses them).
  await writeScope(runtime.db, "lab", LAB, "test");
  await runtime.controller.setLabSettings(LAB);
  return runtime;
}
const advance = (rt: Runtime, clock: VirtualClock, s: number) => rt.controller.advanceTo(clock.now() + s * 1000, (t) => clock.set(t));
const states = (rt: Runtime, groupId: number) => rt.controller.groupStatus(groupId).nodes.map((n) => [n.state, n.reason]);

describe("server restart", () => {
  let groupId = 0;
  let n1 = 0;
  let n2 = 0;
  let t = 0;

  it("resumes a completed manual failover as both SRMs restarting: Idle / Initialization, Running in Backup Mode / Initialization", async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await createNode(first.db, { hostName: "rs-pub", softwareVersion: "15.0.1.12900-12", cluster: "rs", replicationState: 2 });
    n1 = (await createNode(first.db, { hostName: "rs-a", softwareVersion: "15.0.1.12900-12", cluster: "rs", replicationState: 2 })).id;
    n2 = (await createNode(first.db, { hostName: "rs-b", softwareVersion: "15.0.1.12900-12", cluster: "rs", replicationState: 2 })).id;
    await insertUsers(first.db, Array.from({ length: 8 }, (_, i) => ({ userId: `rs${i}`, assignedNodeId: i < 5 ? n1 : n2 })));
    groupId = (
      await first.controller.changeGroups("admin", () =>
        createGroup(first.db, { name: "RS", description: "", server1Id: n1, server2Id: n2, haEnabled: true }),
      )
    ).id;
    await first.controller.action(groupId, "failover", n1, "admin");
    await advance(first, clock, 21);
    expect(states(first, groupId)).toEqual([[S.IDLE, R.ADMIN], [S.BACKUP, R.ADMIN]]);
    t = clock.now();
    await first.close();

    const laterClock = new VirtualClock(t + 60_000);
    const second = await boot(laterClock);
    expect(states(second, groupId)).toEqual([[S.INITIALIZING, R.INITIALIZATION], [S.INITIALIZING, R.INITIALIZATION]]);
    await advance(second, laterClock, 3);
    expect(states(second, groupId)).toEqual([[S.IDLE, R.INITIALIZATION], [S.BACKUP, R.INITIALIZATION]]);
    expect(await second.db.endUser.count({ where: { servingNodeId: n2 } })).toBe(8);
    expect(second.controller.groupStatus(groupId).allowedActions.fallback).toEqual([n1]);

    // A restart in the middle of the fallback resumes it and completes it.
    await second.controller.action(groupId, "fallback", n1, "admin");
    expect(states(second, groupId)).toEqual([[S.TAKING_BACK, R.ADMIN], [S.FALLING_BACK, R.ADMIN]]);
    t = laterClock.now();
    await second.close();

    const thirdClock = new VirtualClock(t + 1_000);
    const third = await boot(thirdClock);
    await advance(third, thirdClock, 3);
    expect(states(third, groupId)).toEqual([[S.TAKING_BACK, R.INITIALIZATION], [S.FALLING_BACK, R.INITIALIZATION]]);
    await advance(third, thirdClock, 21);
    expect(states(third, groupId)).toEqual([[S.NORMAL, R.NORMAL], [S.NORMAL, R.NORMAL]]);
    expect(await third.db.endUser.count({ where: { servingNodeId: n1 } })).toBe(5);
    const restarts = await third.db.haEvent.count({ where: { groupId, message: { contains: "controller restarted" } } });
    expect(restarts).toBe(2);
    await third.close();
    // Three server starts, the first migrating a new embedded database: over a minute on a loaded machine.
  }, 180_000);
});
