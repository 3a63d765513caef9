import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";

const DIR = path.join(import.meta.dirname, "../../../prisma/migrations");
const TARGET = "cluster_membership";

/** The migration's data steps, on a database that has rows from before it. */
describe(`the ${TARGET} migration`, () => {
  it("gives existing users and groups a cluster, and every cluster's publisher a DefaultCUPSubCluster", async () => {
    const dirs = (await readdir(DIR)).filter((d) => /^\d+_/.test(d)).sort();
    const at = dirs.findIndex((d) => d.endsWith(`_${TARGET}`));
    const sql = (d: string) => readFile(path.join(DIR, d, "migration.sql"), "utf8");
    const db = await PGlite.create("memory://");
    try {
      for (const d of dirs.slice(0, at)) await db.exec(await sql(d));
      await db.exec(`
        INSERT INTO "Cluster" (id, name) VALUES (1, 'c-one'), (2, 'c-two');
        INSERT INTO "PresenceRedundancyGroup" (id, name, "nameKey", "updatedAt") VALUES (1, 'DefaultCUPSubCluster', 'defaultcupsubcluster', now()), (2, 'Two-Pair', 'two-pair', now());
        INSERT INTO "Node" (id, "hostName", "softwareVersion", "clusterId", "isPublisher", "groupId", "groupPosition") VALUES
          (1, 'one-pub', '15', 1, true, 1, 1),
          (2, 'two-pub', '15', 2, true, NULL, NULL),
          (3, 'two-a', '15', 2, false, 2, 1),
          (4, 'two-b', '15', 2, false, 2, 2);
        INSERT INTO "EndUser" ("userId", "userKey", "assignedNodeId") VALUES ('on-two', 'on-two', 3), ('on-one', 'on-one', 1), ('nowhere', 'nowhere', NULL);
        SELECT setval(pg_get_serial_sequence('"Cluster"', 'id'), 2);
        SELECT setval(pg_get_serial_sequence('"PresenceRedundancyGroup"', 'id'), 2);
        SELECT setval(pg_get_serial_sequence('"Node"', 'id'), 4);
      `);
      await db.exec(await sql(dirs[at]!));
      const users = await db.query<{ userId: string; clusterId: number }>(`SELECT "userId", "clusterId" FROM "EndUser" ORDER BY "userId"`);
      expect(users.rows).toEqual([
        { userId: "nowhere", clusterId: 1 },
        { userId: "on-one", clusterId: 1 },
        { userId: "on-two", clusterId: 2 },
      ]);
      const groups = await db.query<{ name: string; clusterId: number; hosts: string }>(`
        SELECT g.name, g."clusterId", string_agg(n."hostName", ',' ORDER BY n."groupPosition") AS hosts
        FROM "PresenceRedundancyGroup" g JOIN "Node" n ON n."groupId" = g.id GROUP BY g.id ORDER BY g.id`);
      expect(groups.rows).toEqual([
        { name: "DefaultCUPSubCluster", clusterId: 1, hosts: "one-pub" },
        { name: "Two-Pair", clusterId: 2, hosts: "two-a,two-b" },
        { name: "DefaultCUPSubCluster", clusterId: 2, hosts: "two-pub" },
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it("gives users of an inventory without clusters a cluster to belong to", async () => {
    const dirs = (await readdir(DIR)).filter((d) => /^\d+_/.test(d)).sort();
    const at = dirs.findIndex((d) => d.endsWith(`_${TARGET}`));
    const db = await PGlite.create("memory://");
    try {
      for (const d of dirs.slice(0, at)) await db.exec(await readFile(path.join(DIR, d, "migration.sql"), "utf8"));
      await db.exec(`INSERT INTO "EndUser" ("userId", "userKey") VALUES ('early', 'early')`);
      await db.exec(await readFile(path.join(DIR, dirs[at]!, "migration.sql"), "utf8"));
      const rows = await db.query<{ name: string }>(`SELECT c.name FROM "EndUser" u JOIN "Cluster" c ON c.id = u."clusterId"`);
      expect(rows.rows).toEqual([{ name: "imp-cluster-01" }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
