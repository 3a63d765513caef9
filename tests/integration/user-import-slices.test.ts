import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "@/lib/db/config.ts";
import { createNode } from "@/lib/inventory/nodes.ts";
import { startRuntime } from "@/lib/server/runtime.ts";
import { insertUsers, type NewUser } from "@/lib/users/bulk.ts";
import { rollBackUnfinishedImports, writeImport } from "@/lib/users/import-journal.ts";
import { importUsers } from "@/lib/users/service.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { ownDatabase } from "./support/own-database.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

async function firstNode() {
  return (await runtime().db.node.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } })).id;
}

const usersNamed = (prefix: string, count: number, node: number): NewUser[] =>
  Array.from({ length: count }, (_, i) => ({ userId: `${prefix}${i}`, assignedNodeId: node }));

const countOf = (prefix: string) => runtime().db.endUser.count({ where: { userId: { startsWith: prefix } } });

describe("an import written all or nothing", () => {
  it("in slices: the users arrive slice by slice, other statements run between them, and the import ends finished", async () => {
    const db = runtime().db;
    const users = usersNamed("sliced-import", 3_000, await firstNode());
    let writing = true;
    const seen: { unfinished: boolean; users: number }[] = [];
    const watcher = (async () => {
      while (writing) {
        const [unfinished, users] = await Promise.all([db.userImport.count({ where: { finishedAt: null } }), countOf("sliced-import")]);
        seen.push({ unfinished: unfinished > 0, users });
      }
    })();
    await writeImport(db, users, 500).finally(() => (writing = false));
    await watcher;
    // Partway through, the import was unfinished with some of its users written: the watcher's reads ran between slices.
    expect(seen.some((s) => s.unfinished && s.users > 0 && s.users < 3_000)).toBe(true);
    expect(await countOf("sliced-import")).toBe(3_000);
    const imports = await db.userImport.findMany({ where: { users: 3_000 } });
    expect(imports).toHaveLength(1);
    expect(imports[0]!.finishedAt).not.toBeNull();
    expect(await db.endUser.count({ where: { userId: { startsWith: "sliced-import" }, importId: imports[0]!.id } })).toBe(3_000);
  });

  for (const slice of [undefined, 400]) {
    it(`a slice that fails rolls back the whole import (${slice ? `slices of ${slice}` : "one transaction"})`, async () => {
      const db = runtime().db;
      const node = await firstNode();
      const prefix = `clash${slice ?? "one"}-`;
      // A user with the ID of the file's 1,500th row arrives after the file was checked (another cluster's Add New).
      await insertUsers(db, [{ userId: `${prefix}1499`, assignedNodeId: node }]);
      const importsBefore = await db.userImport.count();
      await expect(writeImport(db, usersNamed(prefix, 2_000, node), slice)).rejects.toThrow();
      expect(await countOf(prefix)).toBe(1);
      expect(await db.userImport.count()).toBe(importsBefore);
    });
  }

  it("an import a stopped process left unfinished is rolled back; finished ones and other users stay", async () => {
    const db = runtime().db;
    const node = await firstNode();
    const cut = await db.userImport.create({ data: { users: 1_000 } });
    await insertUsers(db, usersNamed("cut-short", 700, node), { importId: cut.id });
    await writeImport(db, usersNamed("finished", 30, node), 10);
    await insertUsers(db, usersNamed("added", 5, node));
    expect(await rollBackUnfinishedImports(db, 300)).toBe(1);
    expect([await countOf("cut-short"), await countOf("finished"), await countOf("added")]).toEqual([0, 30, 5]);
    expect(await db.userImport.findUnique({ where: { id: cut.id } })).toBeNull();
    expect(await rollBackUnfinishedImports(db, 300)).toBe(0);
  });
});

describe("an import through importUsers", () => {
  it("whose users are added elsewhere while its slices are written is refused 422 naming their rows, nothing of it kept", async () => {
    const { db, controller } = runtime();
    const cluster = (await db.cluster.findFirstOrThrow({ orderBy: { id: "asc" } })).name;
    // Another cluster's Add New: it does not wait for the import's groups.
    const other = (await createNode(db, { hostName: "collide-a", softwareVersion: "15.0.1.12900-12", cluster: "collide", replicationState: 2 })).id;
    const rows = Array.from({ length: 2_000 }, (_, i) => `collide${i},F,L,false,${cluster}`);
    const csv = ["userId,firstName,lastName,signedIn,cluster", ...rows].join("\n") + "\n";
    let added = false;
    const adding = (async () => {
      while (!added) {
        if ((await countOf("collide")) > 0) {
          await insertUsers(db, [{ userId: "Collide1999", assignedNodeId: other }]);
          added = true;
        }
      }
    })();
    const answer = await importUsers(db, controller, csv, 100).then(
      () => null,
      (err: unknown) => err,
    );
    added = true;
    await adding;
    expect(answer).toBeInstanceOf(ApiError);
    const refusal = answer as ApiError;
    expect(refusal.status).toBe(422);
    expect(refusal.localizedFields).toEqual({ "row 2001: userId": { key: "import.existsOtherCase", values: { userId: "Collide1999" } } });
    expect(await countOf("collide")).toBe(0);
    expect(await db.endUser.findMany({ where: { userKey: { startsWith: "collide" } }, select: { userId: true } })).toEqual([{ userId: "Collide1999" }]);
  });
});

describe("an import cut short by a stopped console", () => {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config, cleanup } = await ownDatabase("import-cut"));
  });
  afterAll(() => cleanup());

  it("is rolled back when the console starts again, which says so", async () => {
    const first = await startRuntime(config, () => {});
    try {
      const node = (await createNode(first.db, { hostName: "cut-a", softwareVersion: "15.0.1.12900-12", cluster: "cut", replicationState: 2 })).id;
      const cut = await first.db.userImport.create({ data: { users: 10 } });
      await insertUsers(first.db, usersNamed("restart-cut", 4, node), { importId: cut.id });
    } finally {
      await first.close();
    }
    const lines: string[] = [];
    const second = await startRuntime(config, (line) => lines.push(line));
    try {
      expect(await second.db.endUser.count({ where: { userId: { startsWith: "restart-cut" } } })).toBe(0);
      expect(await second.db.userImport.count({ where: { finishedAt: null } })).toBe(0);
      expect(lines).toContain("[prg-console] rolled back 1 user import(s) a stopped console left unfinished");
    } finally {
      await second.close();
    }
  });
});
