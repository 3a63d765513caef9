// Benchmark (not a test): 100,000 end users imported from one CSV file
// through importUsers, the function POST /api/users/import runs, into three
// groups of two nodes under Balanced assignment, on the embedded database
// and on a PostgreSQL server (a fresh database, dropped afterwards). Prints
// the time, the per-node distribution, and fails if any user was lost or
// placed unevenly. Usage:
//   npm run bench:import                 # embedded, and postgres on 127.0.0.1 if reachable
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:import
import type { DatabaseConfig } from "../../lib/db/config.ts";
import { createGroup, updateGroup } from "../../lib/groups/service.ts";
import { VirtualClock } from "../../lib/ha/clock.ts";
import { createNode } from "../../lib/inventory/nodes.ts";
import { startRuntime } from "../../lib/server/runtime.ts";
import { parseUserCsv } from "../../lib/users/csv.ts";
import { importUsers } from "../../lib/users/service.ts";
import { applyAssignmentMode } from "../../lib/users/sync-agent.ts";
import { onBothDatabases } from "./support.ts";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);

function csvFile(): string {
  const rows = Array.from({ length: USERS }, (_, i) => `bench.user${i}@example.com,First${i},Last${i},${i % 4 === 0},bench`);
  return ["userId,firstName,lastName,signedIn,cluster", ...rows].join("\n") + "\n";
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const out = await fn();
  return [out, performance.now() - start];
}

function check(ok: boolean, what: string) {
  if (!ok) throw new Error(`verification failed: ${what}`);
}

async function bench(label: string, config: DatabaseConfig, csv: string) {
  const clock = new VirtualClock();
  const rt = await startRuntime(config, () => {}, { clock });
  try {
    const { db, controller } = rt;
    const node = (host: string) => createNode(db, { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "bench", replicationState: 2 });
    for (const g of [1, 2, 3]) {
      const a = (await node(`bench-${g}a`)).id;
      const b = (await node(`bench-${g}b`)).id;
      // The cluster's first node is its publisher, already in the cluster's DefaultCUPSubCluster: that group is Bench-1.
      const own = (await db.node.findUniqueOrThrow({ where: { id: a } })).groupId;
      await controller.changeGroups("bench", () =>
        own
          ? updateGroup(db, own, { version: 1, name: `Bench-${g}`, server2Id: b })
          : createGroup(db, { name: `Bench-${g}`, description: "", server1Id: a, server2Id: b, haEnabled: false }),
      );
    }
    await applyAssignmentMode(db, controller, "Balanced", "bench");
    const before = await db.endUser.count();

    const [, parseMs] = await timed(() => parseUserCsv(csv));
    const [result, importMs] = await timed(() => importUsers(db, controller, csv, rt.importSlice));

    // Nothing lost: the answer, the table and the per-node counts agree.
    const total = (await db.endUser.count()) - before;
    check(result.imported === USERS, `answer says ${result.imported} imported`);
    check(total === USERS, `${total} rows inserted`);
    check(result.assignedPerNode.reduce((a, n) => a + n.users, 0) + result.unassigned === USERS, "per-node counts do not add up");
    check(result.unassigned === 0, `${result.unassigned} unassigned`);
    check((await db.userImport.count({ where: { finishedAt: null } })) === 0, "the import is not recorded as finished");
    const away = await db.endUser.count({ where: { NOT: { servingNodeId: { equals: db.endUser.fields.assignedNodeId } } } });
    check(away === 0, `${away} users not served by their assigned node`);
    check((await db.endUser.count({ where: { signedIn: true } })) === Math.ceil(USERS / 4), "signedIn column lost");

    // The users' home cluster is bench: the Sync Agent places them in its groups only.
    const groups = await db.presenceRedundancyGroup.findMany({
      where: { cluster: { name: "bench" } },
      orderBy: { name: "asc" },
      include: { nodes: { orderBy: { groupPosition: "asc" }, select: { id: true, hostName: true, _count: { select: { assignedUsers: true } } } } },
    });
    const lines: string[] = [];
    const perNode: number[] = [];
    for (const g of groups) {
      const counts = g.nodes.map((n) => n._count.assignedUsers);
      check(Math.max(...counts) - Math.min(...counts) <= 1, `${g.name} is not balanced: ${counts.join("/")}`);
      for (const n of g.nodes) check(result.assignedPerNode.find((x) => x.nodeId === n.id)?.users === n._count.assignedUsers, `${n.hostName} count differs`);
      perNode.push(...counts);
      lines.push(`  ${g.name.padEnd(21)} ${g.nodes.map((n) => `${n.hostName} ${n._count.assignedUsers}`).join(", ")}`);
    }
    check(Math.max(...perNode) - Math.min(...perNode) <= 1, "nodes of different groups are unevenly loaded");

    console.log(
      `${label.padEnd(9)} users=${USERS}  import ${(importMs / 1000).toFixed(2)} s (${Math.round(USERS / (importMs / 1000))} users/s; ` +
        `CSV parse and check alone ${parseMs.toFixed(0)} ms)  verified: none lost, all served by their node, Balanced`,
    );
    console.log(lines.join("\n"));
  } finally {
    await rt.close();
  }
}

const csv = csvFile();
console.log(`CSV file: ${USERS} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB; three groups of two nodes, HA off, Balanced`);
console.log("(the embedded database also holds the demo cluster: the users, of cluster bench, are placed in bench's groups only)");

await onBothDatabases((label, config) => bench(label, config, csv));
