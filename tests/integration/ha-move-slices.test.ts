import { describe, expect, it } from "vitest";
import { moveInSlices } from "@/lib/ha/repository.ts";
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
});
