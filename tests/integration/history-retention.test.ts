import { describe, expect, it } from "vitest";
import { keepPerGroupFromEnv, retentionPass, trimHistory } from "@/lib/ha/retention.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

async function seedHistory(groupId: number | null, count: number, from: number) {
  const db = runtime().db;
  await db.haEvent.createMany({
    data: Array.from({ length: count }, (_, i) => ({ at: new Date(from + i * 1000), groupId, kind: "test", actor: "test", message: `row ${i}` })),
  });
}

const rowsOf = (groupId: number | null) =>
  runtime().db.haEvent.findMany({ where: { groupId, kind: "test" }, orderBy: { at: "asc" }, select: { message: true } });

describe("event history retention", () => {
  it("keeps each group's newest rows and deletes the older ones, group by group", async () => {
    const db = runtime().db;
    await db.haEvent.deleteMany({});
    const t0 = Date.UTC(2026, 0, 1);
    await seedHistory(9001, 12, t0);
    await seedHistory(9002, 3, t0 - 86_400_000); // older, but fewer than the rule keeps
    await seedHistory(null, 7, t0);

    expect(await trimHistory(db, 5)).toBe(7 + 2);
    expect((await rowsOf(9001)).map((r) => r.message)).toEqual(["row 7", "row 8", "row 9", "row 10", "row 11"]);
    expect(await rowsOf(9002)).toHaveLength(3);
    expect((await rowsOf(null)).map((r) => r.message)).toEqual(["row 2", "row 3", "row 4", "row 5", "row 6"]);
    // A second pass finds nothing more to delete.
    expect(await trimHistory(db, 5)).toBe(0);
  });

  it("runs on the leader only, and 0 keeps everything", async () => {
    const db = runtime().db;
    await db.haEvent.deleteMany({});
    await seedHistory(9003, 4, Date.UTC(2026, 0, 1));
    expect(await retentionPass(db, () => false, 1)).toBe(0);
    expect(await trimHistory(db, 0)).toBe(0);
    expect(await rowsOf(9003)).toHaveLength(4);
    expect(await retentionPass(db, () => true, 1)).toBe(3);
  });

  it("reads its rule from HA_EVENT_KEEP_PER_GROUP and refuses a bad one", () => {
    expect(keepPerGroupFromEnv({ HA_EVENT_KEEP_PER_GROUP: "250" })).toBe(250);
    expect(keepPerGroupFromEnv({})).toBeGreaterThan(0);
    expect(() => keepPerGroupFromEnv({ HA_EVENT_KEEP_PER_GROUP: "-1" })).toThrow(/HA_EVENT_KEEP_PER_GROUP/);
    expect(() => keepPerGroupFromEnv({ HA_EVENT_KEEP_PER_GROUP: "lots" })).toThrow(/HA_EVENT_KEEP_PER_GROUP/);
  });
});
