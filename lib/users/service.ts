import { isUniqueViolation, type Db, type Prisma } from "../db/client.ts";
import { keptRead } from "../db/kept-read.ts";
import type { HaController } from "../ha/controller.ts";
import { userCounts, withUserCounts } from "../ha/views.ts";
import { ApiError, keyedError, type MessageRef } from "../http/errors.ts";
import { keyMatchFilter, parseSort, stringMatchFilter, type Page } from "../schemas/find-list.ts";
import {
  IMPORT_MAX_REPORTED,
  rowErrorKey,
  type ImportResult,
  type TopologyView,
  type UserInput,
  type UserListQuery,
  type UserView,
} from "../schemas/users.ts";
import { addUsersBlocker } from "./add-blocker.ts";
import { insertUsers } from "./bulk.ts";
import { parseUserCsv, rowError, sortRowErrors, type RowError } from "./csv.ts";
import { homeClusterOf, type ClusterRef } from "./home-cluster.ts";
import { writeImport } from "./import-journal.ts";
import { nodesForNewUsers, readAssignmentMode } from "./sync-agent.ts";

/** What adding users needs of the HA controller. */
export type UserGate = Pick<HaController, "exclusiveOver" | "allStatuses">;

const userInclude = {
  cluster: { select: { id: true, name: true } },
  assignedNode: { select: { id: true, hostName: true } },
  servingNode: { select: { id: true, hostName: true } },
} as const;
type UserRow = Prisma.EndUserGetPayload<{ include: typeof userInclude }>;

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    userId: row.userId,
    firstName: row.firstName,
    lastName: row.lastName,
    cluster: row.cluster,
    assignedNode: row.assignedNode,
    servingNode: row.servingNode,
    signedIn: row.signedIn,
    client: { kind: row.clientKind as UserView["client"]["kind"], secure: row.clientSecure, dual: row.clientDual },
  };
}

function whereOf(query: UserListQuery): Prisma.EndUserWhereInput {
  const { field, match, q } = query;
  if (field === "assignedNode") {
    // "Is empty" on a node column means no node, not a node with an empty name.
    if (match === "empty") return { assignedNodeId: null };
    if (match === "notEmpty") return { assignedNodeId: { not: null } };
    const filter = stringMatchFilter(match, q);
    return filter ? { assignedNode: { is: { hostName: filter } } } : {};
  }
  if (field === "cluster") {
    const filter = stringMatchFilter(match, q);
    return filter ? { cluster: { is: { name: filter } } } : {};
  }
  // userKey, firstKey and lastKey are the User ID and names in lower case, indexed (migration name_prefix_keys).
  const keyed = keyMatchFilter(match, q);
  if (field === "name") {
    if (match === "empty") return { firstName: "", lastName: "" };
    if (match === "notEmpty") return { OR: [{ firstName: { not: "" } }, { lastName: { not: "" } }] };
    if (keyed) return { OR: [{ firstKey: keyed }, { lastKey: keyed }] };
    const filter = stringMatchFilter(match, q);
    return filter ? { OR: [{ firstName: filter }, { lastName: filter }] } : {};
  }
  if (keyed) return { userKey: keyed };
  const filter = stringMatchFilter(match, q);
  return filter ? { userId: filter } : {};
}

function orderOf(sort: UserListQuery["sort"]): Prisma.EndUserOrderByWithRelationInput[] {
  const { key, direction } = parseSort(sort);
  // User IDs are unique, so they make every order total and paging stable.
  const tie: Prisma.EndUserOrderByWithRelationInput = { userId: "asc" };
  switch (key) {
    case "userId":
      return [{ userId: direction }];
    case "name":
      return [{ lastName: direction }, { firstName: direction }, tie];
    case "cluster":
      return [{ cluster: { name: direction } }, tie];
    case "assignedNode":
      return [{ assignedNode: { hostName: direction } }, tie];
    case "servingNode":
      return [{ servingNode: { hostName: direction } }, tie];
    case "signedIn":
      return [{ signedIn: direction }, tie];
  }
}

// Pages poll the same lists (the first page of Find and List): kept until users, nodes or clusters (their names) are written.
export const listUsers = keptRead(["EndUser", "Node", "Cluster"], (query: UserListQuery) => JSON.stringify(query), readUsers);

async function readUsers(db: Db, query: UserListQuery): Promise<Page<UserView>> {
  const where = whereOf(query);
  const [total, rows] = await db.$transaction([
    db.endUser.count({ where }),
    db.endUser.findMany({
      where,
      include: userInclude,
      orderBy: orderOf(query.sort),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: Db, id: number): Promise<UserView> {
  const row = await db.endUser.findUnique({ where: { id }, include: userInclude });
  if (!row) throw keyedError("not_found", { key: "user.notFound", values: { id: String(id) } });
  return toView(row);
}

function listClusters(db: Db): Promise<ClusterRef[]> {
  return db.cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

type ClusterNode = { id: number; clusterId: number };

/** The nodes of these clusters: whose HA states may refuse adding users, and whose groups an insert holds. */
function nodesOfClusters(db: Db, clusters: readonly ClusterRef[]): Promise<ClusterNode[]> {
  return db.node.findMany({ where: { clusterId: { in: clusters.map((c) => c.id) } }, select: { id: true, clusterId: true } });
}

/** Refuses adding users of these clusters while a node of one of them is in a failover state. */
function refuseWhileFailedOver(gate: UserGate, clusters: readonly ClusterRef[], nodes: readonly ClusterNode[]) {
  const statuses = gate.allStatuses();
  for (const cluster of clusters) {
    const nodeIds = new Set(nodes.filter((n) => n.clusterId === cluster.id).map((n) => n.id));
    const blocker = addUsersBlocker({ name: cluster.name, nodeIds }, statuses);
    if (blocker) throw keyedError("conflict", blocker);
  }
}

async function homeClusterFor(db: Db, name: string | undefined): Promise<ClusterRef> {
  const cluster = homeClusterOf(await listClusters(db), name);
  if ("error" in cluster) throw keyedError("validation_failed", cluster.error, { cluster: cluster.error });
  return cluster;
}

function userIdTaken(userId: string, existing: string): ApiError {
  const taken: MessageRef = existing === userId ? { key: "user.idTaken", values: { userId } } : { key: "user.idTakenAs", values: { userId, existing } };
  return keyedError("conflict", taken, { userId: { key: "user.idUnique" } });
}

/**
 * Adds one end user of its home cluster on the node the Sync Agent chooses
 * among that cluster's groups under the User Assignment Mode. Refused while
 * a node of that cluster is in a failover state, as the product does. The
 * check and the insert run while that cluster's groups are held, so no
 * failover can start between them and no user move sees half an insert.
 */
export async function createUser(db: Db, gate: UserGate, input: UserInput): Promise<UserView> {
  const cluster = await homeClusterFor(db, input.cluster);
  const members = await nodesOfClusters(db, [cluster]);
  refuseWhileFailedOver(gate, [cluster], members);
  const id = await gate.exclusiveOver(members.map((n) => n.id), async () => {
    refuseWhileFailedOver(gate, [cluster], members);
    // userKey (the lower-cased ID) is unique in the schema; checking first gives the friendlier message.
    const taken = await db.endUser.findUnique({ where: { userKey: input.userId.toLowerCase() }, select: { userId: true } });
    if (taken) throw userIdTaken(input.userId, taken.userId);
    const [assignedNodeId] = await nodesForNewUsers(db, cluster.id, 1);
    try {
      await insertUsers(db, [{ ...input, clusterId: cluster.id, assignedNodeId: assignedNodeId ?? null }]);
    } catch (err) {
      // Another process (a seed script, a second server) added it meanwhile.
      if (isUniqueViolation(err)) throw userIdTaken(input.userId, input.userId);
      throw err;
    }
    const row = await db.endUser.findUniqueOrThrow({ where: { userId: input.userId }, select: { id: true } });
    return row.id;
  });
  return getUser(db, id);
}

export async function deleteUser(db: Db, id: number): Promise<void> {
  const deleted = await db.endUser.deleteMany({ where: { id } });
  if (deleted.count !== 1) throw keyedError("not_found", { key: "user.notFound", values: { id: String(id) } });
}

/** Keys per look-up: one array parameter each, not a parameter per key as Prisma's `in` sends. */
const LOOKUP_CHUNK = 20_000;

/** The stored spelling of each given User ID that exists already, keyed in lower case. */
async function existingUserIds(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += LOOKUP_CHUNK) {
    const keys = userIds.slice(i, i + LOOKUP_CHUNK).map((u) => u.toLowerCase());
    const rows = await db.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM "EndUser" WHERE "userKey" = ANY(${keys}::text[])`;
    for (const r of rows) found.set(r.userId.toLowerCase(), r.userId);
  }
  return found;
}

/**
 * The 422 of a rejected import. The error shape has no place for a list, so
 * each problem is a field keyed "row <n>: <column>" (see rowErrorKey), and
 * the message names the count and the first one.
 */
function importRejected(errors: RowError[]) {
  const sorted = sortRowErrors(errors);
  const fields: Record<string, MessageRef> = {};
  for (const e of sorted.slice(0, IMPORT_MAX_REPORTED)) fields[rowErrorKey(e.row, e.field)] ??= e.rule;
  const rows = new Set(sorted.map((e) => e.row)).size;
  const first = sorted[0]!;
  // Counts as strings: written as they are (1500), not grouped by the language's number format.
  const values = { rows, count: String(rows), row: String(first.row), field: first.field, rule: first.rule };
  const summary: MessageRef =
    sorted.length > IMPORT_MAX_REPORTED
      ? { key: "import.rejectedListed", values: { ...values, listed: String(IMPORT_MAX_REPORTED), total: String(sorted.length) } }
      : { key: "import.rejected", values };
  return keyedError("validation_failed", summary, fields);
}

/**
 * Imports a CSV file of end users (see lib/users/csv.ts): every row is
 * checked first, against the rules, the rest of the file, the clusters and
 * the users that exist, and any error rejects the whole file. Otherwise the
 * Sync Agent places each user among its home cluster's groups and they are
 * written all or nothing (in slices of `slice` users on a database that runs
 * one transaction at a time: see writeImport) while those clusters' groups
 * are held (others go on). Refused while a node of a cluster the file adds
 * users to is in a failover state.
 */
export async function importUsers(db: Db, gate: UserGate, csv: string, slice?: number): Promise<ImportResult> {
  const clusters = await listClusters(db);
  // With one cluster every row is its user: refuse before reading a large file that could not be imported anyway.
  const onlyCluster = clusters.length === 1 ? await nodesOfClusters(db, clusters) : null;
  if (onlyCluster) refuseWhileFailedOver(gate, clusters, onlyCluster);
  const parsed = await parseUserCsv(csv);
  const homes = parsed.users.map((u) => ({ row: u.row, home: homeClusterOf(clusters, u.cluster || undefined) }));
  const rowClusters = [...new Map(homes.flatMap(({ home }) => ("error" in home ? [] : [[home.id, home] as const]))).values()];
  // With one cluster the rows' clusters are it (or none): its nodes are read already.
  const members = onlyCluster && rowClusters.length === 1 ? onlyCluster : await nodesOfClusters(db, rowClusters);
  // The users that exist already, each an error of its row.
  const existingErrors = async (): Promise<RowError[]> => {
    const existing = await existingUserIds(
      db,
      parsed.userIds.map((u) => u.userId),
    );
    return parsed.userIds.flatMap(({ row, userId }) => {
      const stored = existing.get(userId.toLowerCase());
      return stored ? [rowError(row, "userId", { key: stored === userId ? "import.exists" : "import.existsOtherCase", values: { userId: stored } })] : [];
    });
  };
  return gate.exclusiveOver(members.map((n) => n.id), async () => {
    refuseWhileFailedOver(gate, rowClusters, members);
    const errors = [...parsed.errors];
    for (const { row, home } of homes) if ("error" in home) errors.push(rowError(row, "cluster", home.error));
    errors.push(...(await existingErrors()));
    if (errors.length) throw importRejected(errors);

    const clusterIds = homes.map(({ home }) => (home as ClusterRef).id);
    const nodes: (number | null)[] = new Array(parsed.users.length).fill(null);
    for (const cluster of rowClusters) {
      const members = clusterIds.flatMap((id, i) => (id === cluster.id ? [i] : []));
      const chosen = await nodesForNewUsers(db, cluster.id, members.length);
      members.forEach((i, k) => (nodes[i] = chosen[k] ?? null));
    }
    const rows = parsed.users.map((u, i) => ({
      userId: u.userId,
      firstName: u.firstName,
      lastName: u.lastName,
      signedIn: u.signedIn,
      client: u.client,
      clusterId: clusterIds[i]!,
      assignedNodeId: nodes[i] ?? null,
    }));
    try {
      await writeImport(db, rows, slice);
    } catch (err) {
      // Users of other clusters were added while the file was written (a sliced import takes seconds): nothing
      // of it stays, and the answer names them as a check before writing would have.
      if (!isUniqueViolation(err)) throw err;
      const taken = await existingErrors();
      throw taken.length ? importRejected(taken) : err;
    }

    const perNode = new Map<number, number>();
    for (const id of nodes) if (id !== null) perNode.set(id, (perNode.get(id) ?? 0) + 1);
    const hosts = await db.node.findMany({ where: { id: { in: [...perNode.keys()] } }, select: { id: true, hostName: true } });
    return {
      imported: rows.length,
      assignedPerNode: hosts
        .map((n) => ({ nodeId: n.id, hostName: n.hostName, users: perNode.get(n.id)! }))
        .sort((a, b) => a.hostName.localeCompare(b.hostName)),
      unassigned: nodes.filter((id) => id === null).length,
    };
  });
}

/**
 * Per group and node: users assigned, served now, and signed in now; and
 * every node in no group, as the inventory holds them (the controller may
 * not have loaded a node added by another process yet).
 */
// What the topology reads beside the controller's statuses; the assignment mode is a Setting.
const topologyFacts = keptRead(
  ["EndUser", "Node", "Setting"],
  () => "",
  async (db: Db) => {
    const [mode, unassignedUsers, pool] = await Promise.all([
      readAssignmentMode(db),
      db.endUser.count({ where: { assignedNodeId: null } }),
      db.node.findMany({ where: { groupId: null }, orderBy: { hostName: "asc" }, select: { id: true, hostName: true, haState: true, haReason: true } }),
    ]);
    return { mode, unassignedUsers, pool, poolCounts: await userCounts(db, pool.map((n) => n.id)) };
  },
);

export async function topology(db: Db, controller: HaController): Promise<TopologyView> {
  const [statuses, { mode, unassignedUsers, pool, poolCounts }] = await Promise.all([withUserCounts(db, controller.allStatuses()), topologyFacts(db)]);
  const live = new Map(statuses.flatMap((s) => s.nodes).map((n) => [n.id, n]));
  const node = (n: (typeof statuses)[number]["nodes"][number]) => ({
    id: n.id,
    hostName: n.hostName,
    state: n.state,
    reason: n.reason,
    unreachable: n.unreachable,
    users: { assigned: n.users.assigned, serving: n.users.serving, active: n.users.active },
    inGroup: true,
  });
  const sum = (nodes: { users: { assigned: number; serving: number; active: number } }[]) => ({
    assigned: nodes.reduce((a, n) => a + n.users.assigned, 0),
    serving: nodes.reduce((a, n) => a + n.users.serving, 0),
    active: nodes.reduce((a, n) => a + n.users.active, 0),
  });
  return {
    mode,
    unassignedUsers,
    groups: statuses
      .filter((s) => s.groupId !== null)
      .map((s) => ({ id: s.groupId!, name: s.groupName, haEnabled: s.haEnabled, nodes: s.nodes.map(node), users: sum(s.nodes) }))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" })),
    ungroupedNodes: pool.map((n) => ({
      id: n.id,
      hostName: n.hostName,
      state: live.get(n.id)?.state ?? n.haState,
      reason: live.get(n.id)?.reason ?? n.haReason,
      unreachable: live.get(n.id)?.unreachable ?? null,
      users: poolCounts.get(n.id)!,
      inGroup: false,
    })),
  };
}
