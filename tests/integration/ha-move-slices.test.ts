import { describe, expect, it } from "vitest";
import { createGroup } from "@/lib/groups/service.ts";
import { STATE } from "@/lib/ha/names.ts";
import { moveInSlices } from "@/lib/ha/repository.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { insertUsers } from "@/lib/users/bulk.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

describe("users moved in slices ahead of a step (one transaction at a time)", () => {
  it("moves every user once, slice by slice, and a move cut short is finished by running it again", async () => {
    const db = runtime().db;
    const [a, b] = await db.node.findMany({ orderBy: { id: "asc" }, take: 2 });
    await insertUsers(db, Array.from({ length: 7 }, (_, i) => ({ userId: `slice${i}`, assignedNodeId: a!.id })));
    const served = async (id: number) => db.endUser.count({ where: { userId: { startsWith: "slice" }, servingNodeId: id } });
    const on = { a: await served(a!.id), b: await served(b!.id) };
    expect(on).toEqual({ a: 7, b: 0 });

    // A leader that loses the lease after two slices: the third slice is refused, its users stay where they were.
    let slices = 0;
    const fence = async () => {
      if (++slices > 2) throw new Error("lease lost");
    };
    await expect(moveInSlices(db, { from: a!.id, to: b!.id }, 3, fence)).rejects.toThrow("lease lost");
    expect([await served(a!.id), await served(b!.id)]).toEqual([1, 6]);

    await moveInSlices(db, { from: a!.id, to: b!.id }, 3);
    expect([await served(a!.id), await served(b!.id)]).toEqual([0, 7]);
    expect(await db.endUser.count({ where: { userId: { startsWith: "slice" } } })).toBe(7);
  });

  it("moves back only the users assigned to the node they return to", async () => {
    const db = runtime().db;
    const [a, b] = await db.node.findMany({ orderBy: { id: "asc" }, take: 2 });
    await insertUsers(db, [
      ...Array.from({ length: 4 }, (_, i) => ({ userId: `back-a${i}`, assignedNodeId: a!.id })),
      ...Array.from({ length: 3 }, (_, i) => ({ userId: `back-b${i}`, assignedNodeId: b!.id })),
    ]);
    await db.endUser.updateMany({ where: { userId: { startsWith: "back-" } }, data: { servingNodeId: b!.id } });
    await moveInSlices(db, { from: b!.id, to: a!.id, assignedTo: a!.id }, 2);
    const servedBy = async (prefix: string) =>
      (await db.endUser.findMany({ where: { userId: { startsWith: prefix } }, select: { servingNodeId: true } })).map((u) => u.servingNodeId);
    expect(new Set(await servedBy("back-a"))).toEqual(new Set([a!.id]));
    expect(new Set(await servedBy("back-b"))).toEqual(new Set([b!.id]));
  });

  it("a failover and fallback through the controller move every user once (in slices of 250 on the embedded database)", async () => {
    const { db, controller } = runtime();
    await controller.setLabSettings({ speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 });
    const node = (host: string) => createNode(db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "slices", replicationState: 2 });
    await node("slices-pub");
    const a = (await node("slices-a")).id;
    const b = (await node("slices-b")).id;
    await insertUsers(db, Array.from({ length: 1_234 }, (_, i) => ({ userId: `sliced${i}`, assignedNodeId: a, signedIn: true })));
    const group = await controller.changeGroups("test", () => createGroup(db, { name: "SLICES", description: "", server1Id: a, server2Id: b, haEnabled: true }));
    const states = () => controller.groupStatus(group.id).nodes.map((n) => n.state);
    const servedBy = async () => [await db.endUser.count({ where: { userId: { startsWith: "sliced" }, servingNodeId: a } }), await db.endUser.count({ where: { userId: { startsWith: "sliced" }, servingNodeId: b } })];
    await expect.poll(states, { timeout: 20_000 }).toEqual([STATE.NORMAL, STATE.NORMAL]);
    await controller.action(group.id, "failover", a, "test");
    await expect.poll(states, { timeout: 20_000 }).toEqual([STATE.IDLE, STATE.BACKUP]);
    expect(await servedBy()).toEqual([0, 1_234]);
    await controller.action(group.id, "fallback", a, "test");
    await expect.poll(states, { timeout: 20_000 }).toEqual([STATE.NORMAL, STATE.NORMAL]);
    expect(await servedBy()).toEqual([1_234, 0]);
  });
});
