import type { Db, Prisma } from "../db/client.ts";
import { replicationMeaning } from "../domain/replication.ts";
import { SERVICE_NAMES } from "../domain/services.ts";
import { parseSort, stringMatchFilter, type Page } from "../schemas/find-list.ts";
import type { NodeDetailView, NodeListQuery, NodeView } from "../schemas/nodes.ts";

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
  const where: Prisma.NodeWhereInput = filter ? { [query.field]: filter } : {};
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

export async function getNode(db: Db, id: number): Promise<NodeDetailView | null> {
  const row = await db.node.findUnique({ where: { id }, include: { ...nodeInclude, services: true } });
  if (!row) return null;
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
