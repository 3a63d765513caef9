import { describe, expect, it } from "vitest";
import { insertUsers } from "@/lib/users/bulk.ts";
import { userListQuery } from "@/lib/schemas/users.ts";
import { listUsers } from "@/lib/users/service.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

describe('"begins with" searches of Find and List Users', () => {
  it("match the User ID, first and last name whatever their case", async () => {
    const { db } = runtime();
    const node = (await db.node.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
    await insertUsers(db, [
      { userId: "Prefix.Ada", firstName: "Ada", lastName: "LOVELACE", assignedNodeId: node },
      { userId: "prefix.grace", firstName: "Grace", lastName: "Hopper", assignedNodeId: node },
      { userId: "other.1", firstName: "Lovisa", lastName: "Adams", assignedNodeId: node },
    ]);
    const found = async (field: "userId" | "name", q: string) =>
      (await listUsers(db, userListQuery.parse({ field, match: "begins", q }))).items.map((u) => u.userId).sort();
    expect(await found("userId", "PREFIX.")).toEqual(["Prefix.Ada", "prefix.grace"]);
    expect(await found("name", "lov")).toEqual(["Prefix.Ada", "other.1"].sort());
    expect(await found("name", "ADA")).toEqual(["Prefix.Ada", "other.1"].sort());
    expect(await found("name", "hop")).toEqual(["prefix.grace"]);
    // The search reads the keys, not the names: a row written with empty keys is not found by its name.
    const cluster = (await db.node.findUniqueOrThrow({ where: { id: node } })).clusterId;
    await db.endUser.create({ data: { userId: "no.keys", userKey: "no.keys", firstName: "Ada", lastName: "Keyless", firstKey: "", lastKey: "", clusterId: cluster } });
    expect(await found("name", "ada")).toEqual(["Prefix.Ada", "other.1"].sort());
  });

  // The planner, told to avoid sequential scans, uses an index only if one can serve the search: a B-tree
  // index serves LIKE 'x%' only under the C collation, which the keys have whatever the database's is
  // (this PostgreSQL server's is C.UTF-8, which does not count).
  for (const [column, index] of [
    ["userKey", "EndUser_userKey_key"],
    ["firstKey", "EndUser_firstKey_idx"],
    ["lastKey", "EndUser_lastKey_idx"],
  ] as const) {
    it(`can use ${index} for LIKE 'x%' on ${column}`, async () => {
      const plan = await runtime().db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        // The condition as Prisma writes a startsWith.
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT "id" FROM "EndUser" WHERE "${column}"::text LIKE ($1 || '%')`, "ada");
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/Seq Scan/);
    });
  }
});
