import type { Db, Prisma, Tx } from "../db/client.ts";
import { keptRead } from "../db/kept-read.ts";
import { replicationMeaning } from "../domain/replication.ts";
import { SERVICE_NAMES } from "../domain/services.ts";
import { DEFAULT_GROUP_NAME } from "../domain/groups.ts";
import { parseSort, stringMatchFilter, type Page } from "../schemas/find-list.ts";
import { keyedError } from "../http/errors.ts";
import type { NodeCreateInput, NodeDetailView, NodeInNoGroup, NodeListQuery, NodeView } from "../schemas/nodes.ts";

const nodeInclude = {
  cluster: { select: { id: true, name: true } },
  group: { select: { id: true, name: true } },
} as const;

type NodeRow = Prisma.NodeGetPayload<{ include: typeof nodeInclude }>;

function toView(row: NodeRow): NodeView {
  return {
    id: row.id,
    hostName: row.hostName,
    softwareVersion: row.softwareVersion,
    cluster: row.cluster,
    isPublisher: row.isPublisher,
    replicationState: row.replicationState,
    replicationMeaning: replicationMeaning(row.replicationState),
    group: row.group ? { ...row.group, position: row.groupPosition ?? 1 } : null,
    inGroup: row.group !== null,
  };
}

function orderBy(sort: NodeListQuery["sort"]): Prisma.NodeOrderByWithRelationInput[] {
  const { key, direction } = parseSort(sort);
  const primary: Prisma.NodeOrderByWithRelationInput =
    key === "group" ? { group: { name: direction } } : ({ [key]: direction } as Prisma.NodeOrderByWithRelationInput);
  // Host names are unique, so they make every order total and paging stable.
  return key === "hostName" ? [primary] : [primary, { hostName: "asc" }];
}

export async function listNodes(db: Db, query: NodeListQuery): Promise<Page<NodeView>> {
  const filter = stringMatchFilter(query.match, query.q);
  const where: Prisma.NodeWhereInput = {
    ...(filter ? { [query.field]: filter } : {}),
    ...(query.assignableTo === "new"
      ? { groupId: null }
      : query.assignableTo
        ? { OR: [{ groupId: null }, { groupId: query.assignableTo }] }
        : {}),
  };
  const [total, rows] = await db.$transaction([
    db.node.count({ where }),
    db.node.findMany({
      where,
      include: nodeInclude,
      orderBy: orderBy(query.sort),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
}

/** Services in the order `utils service list` prints them. */
function sortServices<T extends { name: string }>(services: T[]): T[] {
  const rank = (name: string) => {
    const i = (SERVICE_NAMES as readonly string[]).indexOf(name);
    return i < 0 ? SERVICE_NAMES.length : i;
  };
  return [...services].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

export async function getNode(db: Db, id: number): Promise<NodeDetailView> {
  const row = await db.node.findUnique({ where: { id }, include: { ...nodeInclude, services: true } });
  if (!row) throw keyedError("not_found", { key: "node.notFound", values: { id: String(id) } });
  return {
    ...toView(row),
    createdAt: row.createdAt.toISOString(),
    services: sortServices(row.services).map((s) => ({
      name: s.name,
      status: s.status,
      updatedAt: s.updatedAt.toISOString(),
    })),
  };
}

/**
 * Serializes the writes that add or remove nodes and clusters, for the rules
 * no unique index holds: host names are unique regardless of case, a
 * cluster's first node becomes its publisher, and a publisher goes only with
 * the last node of its cluster. Held until the transaction ends.
 */
async function lockInventory(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7361001)`;
}

/**
 * Adds an IM and Presence node with every service started. A node naming a
 * new cluster becomes that cluster's database publisher, in a new
 * DefaultCUPSubCluster of that cluster, as the product creates it when the
 * publisher is installed (group names are unique per cluster).
 */
export async function createNode(db: Db, input: NodeCreateInput): Promise<NodeDetailView> {
  const id = await db.$transaction(async (tx) => {
    await lockInventory(tx);
    const taken = await tx.node.findFirst({ where: { hostName: { equals: input.hostName, mode: "insensitive" } } });
    if (taken) {
      throw keyedError("conflict", { key: "node.hostNameTaken", values: { host: taken.hostName } }, { hostName: { key: "node.hostNameUnique" } });
    }
    const cluster =
      (await tx.cluster.findUnique({ where: { name: input.cluster } })) ??
      (await tx.cluster.create({ data: { name: input.cluster } }));
    const hasPublisher = (await tx.node.count({ where: { clusterId: cluster.id, isPublisher: true } })) > 0;
    const node = await tx.node.create({
      data: {
        hostName: input.hostName,
        softwareVersion: input.softwareVersion,
        replicationState: input.replicationState,
        clusterId: cluster.id,
        isPublisher: !hasPublisher,
        services: { create: SERVICE_NAMES.map((name) => ({ name })) },
      },
    });
    if (!hasPublisher) {
      const group = await tx.presenceRedundancyGroup.create({
        data: { name: DEFAULT_GROUP_NAME, nameKey: DEFAULT_GROUP_NAME.toLowerCase(), clusterId: cluster.id },
      });
      await tx.node.update({ where: { id: node.id }, data: { groupId: group.id, groupPosition: 1 } });
    }
    return node.id;
  });
  return getNode(db, id);
}

/**
 * Deletes a node that is in no group. A publisher goes only with the last
 * node of its cluster, and takes the emptied cluster and its default group
 * with it, unless end users still belong to the cluster.
 */
export async function deleteNode(db: Db, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockInventory(tx);
    const node = await tx.node.findUnique({
      where: { id },
      include: {
        group: { include: { _count: { select: { nodes: true } } } },
        cluster: { include: { _count: { select: { nodes: true, users: true } } } },
      },
    });
    if (!node) throw keyedError("not_found", { key: "node.notFound", values: { id: String(id) } });
    const { cluster, group } = node;
    if (node.isPublisher && cluster._count.nodes > 1) {
      const values = { host: node.hostName, cluster: cluster.name };
      throw keyedError(
        "conflict",
        group ? { key: "node.publisherOfClusterInGroup", values: { ...values, group: group.name } } : { key: "node.publisherOfCluster", values },
      );
    }
    const lastOfCluster = cluster._count.nodes === 1;
    if (group && !(lastOfCluster && group._count.nodes === 1)) {
      throw keyedError("conflict", { key: "node.inGroup", values: { host: node.hostName, group: group.name } });
    }
    if (lastOfCluster && cluster._count.users > 0) {
      const values = { count: cluster._count.users, users: String(cluster._count.users), cluster: cluster.name, host: node.hostName };
      throw keyedError("conflict", { key: "node.usersOfLastNode", values });
    }
    const deleted = await tx.node.deleteMany({ where: { id, groupId: node.groupId } });
    if (deleted.count !== 1) throw keyedError("conflict", { key: "node.justGrouped", values: { host: node.hostName } });
    if (group) await tx.presenceRedundancyGroup.delete({ where: { id: group.id } });
    if (lastOfCluster) await tx.cluster.delete({ where: { id: node.clusterId } });
  });
}

/** The nodes outside every group, by host name. */
// Read by every HA overview a page polls.
export const listNodesInNoGroup = keptRead(["Node", "Cluster"], () => "", readNodesInNoGroup);

async function readNodesInNoGroup(db: Db): Promise<NodeInNoGroup[]> {
  const rows = await db.node.findMany({
    where: { groupId: null },
    orderBy: { hostName: "asc" },
    select: { id: true, hostName: true, cluster: { select: { name: true } } },
  });
  return rows.map((n) => ({ id: n.id, hostName: n.hostName, cluster: n.cluster.name }));
}

export async function listClusters(db: Db) {
  const rows = await db.cluster.findMany({
    orderBy: { name: "asc" },
    include: { nodes: { where: { isPublisher: true }, select: { hostName: true } }, _count: { select: { nodes: true } } },
  });
  return {
    items: rows.map((c) => ({ id: c.id, name: c.name, publisher: c.nodes[0]?.hostName ?? null, nodeCount: c._count.nodes })),
  };
}
