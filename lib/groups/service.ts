import type { Db, Prisma, Tx } from "../db/client.ts";
import { membershipErrors, publisherKept, serverPairErrors, type CandidateNode, type FieldErrors } from "../domain/groups.ts";
import { keyedError, validationError, type ApiError } from "../http/errors.ts";
import { parseSort, stringMatchFilter, type Page } from "../schemas/find-list.ts";
import { GROUP_SORTS, groupInputSchema, type GroupInput, type GroupListQuery, type GroupPatch, type GroupView } from "../schemas/groups.ts";
import { loadCandidates } from "./candidates.ts";

const groupInclude = {
  cluster: { select: { id: true, name: true } },
  nodes: {
    select: {
      id: true,
      hostName: true,
      softwareVersion: true,
      isPublisher: true,
      groupPosition: true,
      _count: { select: { assignedUsers: true } },
    },
  },
} as const;
type GroupRow = Prisma.PresenceRedundancyGroupGetPayload<{ include: typeof groupInclude }>;

function toView(row: GroupRow): GroupView {
  const server = (position: number) => {
    const n = row.nodes.find((node) => node.groupPosition === position);
    return n
      ? { id: n.id, hostName: n.hostName, softwareVersion: n.softwareVersion, isPublisher: n.isPublisher, userCount: n._count.assignedUsers }
      : null;
  };
  const server1 = server(1);
  const server2 = server(2);
  return {
    id: row.id,
    name: row.name,
    cluster: row.cluster,
    description: row.description,
    haEnabled: row.haEnabled,
    version: row.version,
    server1,
    server2,
    userCount: (server1?.userCount ?? 0) + (server2?.userCount ?? 0),
    holdsPublisher: row.nodes.some((n) => n.isPublisher),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type SortKey = (typeof GROUP_SORTS)[number];
const compareBy: Record<SortKey, (a: GroupView, b: GroupView) => number> = {
  name: () => 0,
  description: (a, b) => a.description.localeCompare(b.description, "en", { sensitivity: "base" }),
  server1: (a, b) => (a.server1?.hostName ?? "\uffff").localeCompare(b.server1?.hostName ?? "\uffff"),
  server2: (a, b) => (a.server2?.hostName ?? "\uffff").localeCompare(b.server2?.hostName ?? "\uffff"),
  haEnabled: (a, b) => Number(a.haEnabled) - Number(b.haEnabled),
  users: (a, b) => a.userCount - b.userCount,
};

/**
 * Find and List. Groups are sorted in memory: every group holds at least one
 * node, so there are never more groups than IM and Presence nodes (tens), and
 * sorting by user count or server name needs the joined view anyway.
 */
export async function listGroups(db: Db, query: GroupListQuery): Promise<Page<GroupView>> {
  const filter = stringMatchFilter(query.match, query.q);
  const rows = await db.presenceRedundancyGroup.findMany({
    where: filter ? { [query.field]: filter } : {},
    include: groupInclude,
  });
  const { key, direction } = parseSort<SortKey>(query.sort);
  const sign = direction === "asc" ? 1 : -1;
  // Each cluster has its own DefaultCUPSubCluster: equal names are ordered by cluster.
  const byName = (a: GroupView, b: GroupView) =>
    a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.cluster.name.localeCompare(b.cluster.name);
  const views = rows.map(toView).sort((a, b) => sign * (compareBy[key](a, b) || byName(a, b)));
  const start = (query.page - 1) * query.pageSize;
  return { items: views.slice(start, start + query.pageSize), total: views.length, page: query.page, pageSize: query.pageSize };
}

async function findGroup(db: Db | Tx, id: number): Promise<GroupRow> {
  const row = await db.presenceRedundancyGroup.findUnique({ where: { id }, include: groupInclude });
  if (!row) throw keyedError("not_found", { key: "group.notFound", values: { id: String(id) } });
  return row;
}

export async function getGroup(db: Db, id: number): Promise<GroupView> {
  return toView(await findGroup(db, id));
}

function staleVersion(current: GroupView): ApiError {
  return keyedError(
    "conflict",
    { key: "group.stale", values: { name: current.name, version: String(current.version) } },
    { version: { key: "group.staleField" } },
    current,
  );
}

function nameTaken(name: string, cluster: string): ApiError {
  return keyedError("conflict", { key: "group.nameTaken", values: { name, cluster } }, { name: { key: "group.nameUnique" } });
}

function throwIf(code: "validation_failed" | "conflict", errors: FieldErrors) {
  const first = Object.values(errors)[0];
  if (first) throw keyedError(code, first, errors);
}

/**
 * Checks the chosen servers against the rules that need the inventory. A
 * group stays in its cluster: its users are that cluster's end users.
 */
async function checkServers(
  db: Db | Tx,
  group: { id: number; cluster: { id: number; name: string } } | null,
  input: GroupInput,
): Promise<CandidateNode[]> {
  const groupId = group?.id ?? null;
  const ids = [input.server1Id, ...(input.server2Id ? [input.server2Id] : [])];
  const nodes = await loadCandidates(db, ids);
  const missing: FieldErrors = {};
  if (!nodes.has(input.server1Id)) missing.server1Id = { key: "node.notFound", values: { id: String(input.server1Id) } };
  if (input.server2Id && !nodes.has(input.server2Id)) missing.server2Id = { key: "node.notFound", values: { id: String(input.server2Id) } };
  throwIf("validation_failed", missing);
  const server1 = nodes.get(input.server1Id)!;
  const server2 = input.server2Id ? nodes.get(input.server2Id)! : null;
  throwIf(
    "conflict",
    membershipErrors(groupId, [
      { field: "server1Id", node: server1 },
      ...(server2 ? [{ field: "server2Id" as const, node: server2 }] : []),
    ]),
  );
  throwIf("validation_failed", serverPairErrors(server1, server2));
  if (group && server1.clusterId !== group.cluster.id) {
    throwIf("validation_failed", {
      server1Id: { key: "group.otherGroupCluster", values: { host: server1.hostName, cluster: server1.clusterName, groupCluster: group.cluster.name } },
    });
  }
  return server2 ? [server1, server2] : [server1];
}

/**
 * Puts the servers into the group. Each node is claimed with a conditional
 * update, so when two admins race for one node the database lets one win
 * and the other's transaction is rolled back.
 */
async function assignServers(tx: Tx, groupId: number, input: GroupInput) {
  await tx.node.updateMany({ where: { groupId }, data: { groupPosition: null } });
  await tx.node.updateMany({
    where: { groupId, id: { notIn: [input.server1Id, ...(input.server2Id ? [input.server2Id] : [])] } },
    data: { groupId: null },
  });
  const servers: [number, number, "server1Id" | "server2Id"][] = [[input.server1Id, 1, "server1Id"]];
  if (input.server2Id) servers.push([input.server2Id, 2, "server2Id"]);
  // Claim in node id order: two admins claiming the same two nodes in
  // opposite positions would otherwise lock them in opposite order and
  // deadlock, and the database would abort one with an internal error.
  servers.sort((a, b) => a[0] - b[0]);
  for (const [nodeId, position, field] of servers) {
    const claimed = await tx.node.updateMany({
      where: { id: nodeId, OR: [{ groupId: null }, { groupId }] },
      data: { groupId, groupPosition: position },
    });
    if (claimed.count !== 1) {
      throw keyedError("conflict", { key: "group.nodeJustTaken" }, { [field]: { key: "group.nodeJustTakenField" } });
    }
  }
}

async function ensureNameFree(db: Db | Tx, name: string, cluster: { id: number; name: string }, exceptId: number | null) {
  const other = await db.presenceRedundancyGroup.findUnique({
    where: { clusterId_nameKey: { clusterId: cluster.id, nameKey: name.toLowerCase() } },
  });
  if (other && other.id !== exceptId) throw nameTaken(name, cluster.name);
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

/** A new group belongs to the cluster of its Presence Server 1. */
export async function createGroup(db: Db, input: GroupInput): Promise<GroupView> {
  const server1 = (await loadCandidates(db, [input.server1Id])).get(input.server1Id);
  const cluster = server1 ? { id: server1.clusterId, name: server1.clusterName } : null;
  if (cluster) await ensureNameFree(db, input.name, cluster, null);
  await checkServers(db, null, input);
  try {
    const id = await db.$transaction(async (tx) => {
      const group = await tx.presenceRedundancyGroup.create({
        data: {
          name: input.name,
          nameKey: input.name.toLowerCase(),
          clusterId: cluster!.id,
          description: input.description,
          haEnabled: input.haEnabled,
        },
      });
      await assignServers(tx, group.id, input);
      return group.id;
    });
    return getGroup(db, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name, cluster!.name);
    throw err;
  }
}

export async function updateGroup(db: Db, id: number, patch: GroupPatch): Promise<GroupView> {
  const current = toView(await findGroup(db, id));
  if (patch.version !== current.version) throw staleVersion(current);
  const { version, ...changes } = patch;
  const merged = groupInputSchema.safeParse({
    name: current.name,
    description: current.description,
    server1Id: current.server1?.id,
    server2Id: current.server2?.id ?? null,
    haEnabled: current.haEnabled,
    ...changes,
  });
  if (!merged.success) throw validationError(merged.error, "request");
  const input = merged.data;

  const serversChanged = input.server1Id !== current.server1?.id || input.server2Id !== (current.server2?.id ?? null);
  if (serversChanged && current.haEnabled) {
    throw keyedError("conflict", { key: "group.disableHaFirst" }, { haEnabled: { key: "group.haEnabledField" } });
  }
  await ensureNameFree(db, input.name, current.cluster, id);
  if (serversChanged) {
    const before = await loadCandidates(db, [current.server1?.id, current.server2?.id].filter((x): x is number => !!x));
    throwIf("validation_failed", publisherKept([...before.values()], [input.server1Id, input.server2Id]));
    await checkServers(db, current, input);
  }

  try {
    await db.$transaction(async (tx) => {
      const updated = await tx.presenceRedundancyGroup.updateMany({
        where: { id, version },
        data: {
          name: input.name,
          nameKey: input.name.toLowerCase(),
          description: input.description,
          haEnabled: input.haEnabled,
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw staleVersion(toView(await findGroup(tx, id)));
      if (serversChanged) await assignServers(tx, id, input);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name, current.cluster.name);
    throw err;
  }
  return getGroup(db, id);
}

export async function deleteGroup(db: Db, id: number, version?: number): Promise<void> {
  const current = toView(await findGroup(db, id));
  if (version !== undefined && version !== current.version) throw staleVersion(current);
  if (current.holdsPublisher) {
    const publisher = [current.server1, current.server2].find((s) => s?.isPublisher)!;
    throw keyedError("conflict", { key: "group.holdsPublisher", values: { name: current.name, host: publisher.hostName } });
  }
  await db.$transaction(async (tx) => {
    await tx.node.updateMany({ where: { groupId: id }, data: { groupId: null, groupPosition: null } });
    const deleted = await tx.presenceRedundancyGroup.deleteMany({ where: { id, version: current.version } });
    if (deleted.count !== 1) throw staleVersion(toView(await findGroup(tx, id)));
  });
}
