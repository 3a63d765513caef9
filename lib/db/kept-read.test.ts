import { describe, expect, it } from "vitest";
import { keptRead } from "./kept-read.ts";
import { registerTableVersions, TableVersions } from "./table-versions.ts";
import { tablesWritten } from "./write-observer.ts";

function counter() {
  const store = { users: 1, reads: 0 };
  const read = keptRead(["EndUser"], () => "", async (_db: object) => {
    store.reads++;
    return store.users;
  });
  return { store, read };
}

describe("reads kept until their tables are written", () => {
  it("reads once while nothing is written, and again after a write to one of its tables", async () => {
    const db = {};
    const versions = new TableVersions();
    registerTableVersions(db, versions);
    versions.listening(true);
    const { store, read } = counter();
    expect([await read(db), await read(db)]).toEqual([1, 1]);
    expect(store.reads).toBe(1);
    versions.wrote(["HaEvent"]);
    await read(db);
    expect(store.reads).toBe(1);
    store.users = 2;
    versions.wrote(["EndUser"]);
    expect(await read(db)).toBe(2);
    expect(store.reads).toBe(2);
  });

  it("keeps nothing while writes made elsewhere are not heard, nor for a database without versions", async () => {
    const db = {};
    const versions = new TableVersions();
    registerTableVersions(db, versions);
    const { store, read } = counter();
    await read(db);
    await read(db);
    expect(store.reads).toBe(2);
    versions.listening(true);
    await read(db);
    versions.listening(false);
    await read(db);
    expect(store.reads).toBe(4);
    await read({});
    expect(store.reads).toBe(5);
  });

  it("does not keep a read a write overtook", async () => {
    const db = {};
    const versions = new TableVersions();
    registerTableVersions(db, versions);
    versions.listening(true);
    let reads = 0;
    const read = keptRead(["EndUser"], () => "", async () => {
      reads++;
      // The write lands while the read is under way: what it answers may predate it.
      versions.wrote(["EndUser"]);
      return reads;
    });
    await read(db);
    await read(db);
    expect(reads).toBe(2);
  });
});

describe("the tables a statement writes", () => {
  it("finds Prisma's and the console's own writes, and no table in locks or upserts' updates", () => {
    expect(tablesWritten(`UPDATE "public"."EndUser" SET "servingNodeId" = $1 WHERE "servingNodeId" = $2`)).toEqual(["EndUser"]);
    expect(tablesWritten(`INSERT INTO "EndUser" ("userId") SELECT * FROM unnest($1::text[])`)).toEqual(["EndUser"]);
    expect(tablesWritten(`DELETE FROM "public"."Node" WHERE "id" = $1`)).toEqual(["Node", "EndUser"]);
    expect(tablesWritten(`UPDATE "public"."Node" SET "haState" = $1`)).toEqual(["Node"]);
    expect(tablesWritten(`TRUNCATE TABLE "Setting"`)).toEqual(["Setting"]);
    expect(tablesWritten(`INSERT INTO "Setting" ("key") VALUES ($1) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"`)).toEqual(["Setting"]);
    expect(tablesWritten(`SELECT "id" FROM "public"."EndUser" WHERE "id" = $1 FOR UPDATE`)).toEqual([]);
    expect(tablesWritten(`UPDATE ONLY "EndUser" SET "signedIn" = false`)).toEqual(["EndUser"]);
    expect(tablesWritten(`MERGE INTO "public"."Node" n USING x ON true WHEN MATCHED THEN DELETE`)).toEqual(["Node"]);
  });
});
