import type { Db, Prisma } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { withUserCounts } from "../ha/views.ts";
import { ApiError } from "../http/errors.ts";
import { parseSort, stringMatchFilter, type Page } from "../schemas/find-list.ts";
import {
  IMPORT_MAX_REPORTED,
  rowErrorKey,
  type ImportResult,
  type TopologyView,
  type UserInput,
  type UserListQuery,
  type UserView,
} from "../schemas/users.ts";
import { insertUsers } from "./bulk.ts";
import { parseUserCsv, sortRowErrors, type RowError } from "./csv.ts";
import { nodesForNewUsers, readAssignmentMode } from "./sync-agent.ts";

/** What adding users needs of the HA controller. */
export type UserGate = Pick<HaController, "exclusive" | "failoverBlocker">;

const userInclude = {
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
    assignedNode: row.assignedNode,
    servingNode: row.servingNode,
    signedIn: row.signedIn,
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
  if (field === "name") {
    if (match === "empty") return { firstName: "", lastName: "" };
    if (match === "notEmpty") return { OR: [{ firstName: { not: "" } }, { lastName: { not: "" } }] };
    const filter = stringMatchFilter(match, q);
    return filter ? { OR: [{ firstName: filter }, { lastName: filter }] } : {};
  }
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
    case "assignedNode":
      return [{ assignedNode: { hostName: direction } }, tie];
    case "servingNode":
      return [{ servingNode: { hostName: direction } }, tie];
    case "signedIn":
      return [{ signedIn: direction }, tie];
  }
}

export async function listUsers(db: Db, query: UserListQuery): Promise<Page<UserView>> {
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
  if (!row) throw new ApiError("not_found", `No end user with id ${id}`);
  return toView(row);
}

function refuseWhileFailedOver(gate: UserGate) {
  const blocker = gate.failoverBlocker();
  if (blocker) throw new ApiError("conflict", blocker);
}

function userIdTaken(userId: string, existing: string): ApiError {
  const as = existing === userId ? "" : ` (as ${existing})`;
  return new ApiError("conflict", `An end user with User ID ${userId} already exists${as}`, {
    userId: "User ID must be unique (User IDs are compared without regard to case)",
  });
}

/**
 * Adds one end user on the node the Sync Agent chooses under the User
 * Assignment Mode. Refused while any node is in a failover state, as the
 * product does. The check and the insert run in the controller's turn, so no
 * failover can start between them and no user move sees half an insert.
 */
export async function createUser(db: Db, gate: UserGate, input: UserInput): Promise<UserView> {
  refuseWhileFailedOver(gate);
  const id = await gate.exclusive(async () => {
    refuseWhileFailedOver(gate);
    // userKey (the lower-cased ID) is unique in the schema; checking first gives the friendlier message.
    const taken = await db.endUser.findUnique({ where: { userKey: input.userId.toLowerCase() }, select: { userId: true } });
    if (taken) throw userIdTaken(input.userId, taken.userId);
    const [assignedNodeId] = await nodesForNewUsers(db, 1);
    try {
      await insertUsers(db, [{ ...input, assignedNodeId: assignedNodeId ?? null }]);
    } catch (err) {
      // Another process (a seed script, a second server) added it meanwhile.
      if ((err as { code?: string } | null)?.code === "P2002") throw userIdTaken(input.userId, input.userId);
      throw err;
    }
    const row = await db.endUser.findUniqueOrThrow({ where: { userId: input.userId }, select: { id: true } });
    return row.id;
  });
  return getUser(db, id);
}

export async function deleteUser(db: Db, id: number): Promise<void> {
  const deleted = await db.endUser.deleteMany({ where: { id } });
  if (deleted.count !== 1) throw new ApiError("not_found", `No end user with id ${id}`);
}

const LOOKUP_CHUNK = 5000;

/** The stored spelling of each given User ID that exists already, keyed in lower case. */
async function existingUserIds(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += LOOKUP_CHUNK) {
    const rows = await db.endUser.findMany({
      where: { userKey: { in: userIds.slice(i, i + LOOKUP_CHUNK).map((u) => u.toLowerCase()) } },
      select: { userId: true },
    });
    for (const r of rows) found.set(r.userId.toLowerCase(), r.userId);
  }
  return found;
}

/**
 * The 422 of a rejected import. The error shape has no place for a list, so
 * each problem is a field keyed "row <n>: <column>" (see rowErrorKey), and
 * the message names the count and the first one.
 */
function importRejected(errors: RowError[]): ApiError {
  const sorted = sortRowErrors(errors);
  const fields: Record<string, string> = {};
  for (const e of sorted.slice(0, IMPORT_MAX_REPORTED)) fields[rowErrorKey(e.row, e.field)] ??= e.message;
  const rows = new Set(sorted.map((e) => e.row)).size;
  const first = sorted[0]!;
  const listed = sorted.length > IMPORT_MAX_REPORTED ? ` The first ${IMPORT_MAX_REPORTED} of ${sorted.length} errors are listed.` : "";
  return new ApiError(
    "validation_failed",
    `Nothing was imported: ${rows} row${rows === 1 ? " has" : "s have"} errors. Row ${first.row}, ${first.field}: ${first.message}${listed}`,
    fields,
  );
}

/** Prisma's interactive transactions give up after 5 s by default; 100,000 rows take longer on a slow disk. */
const IMPORT_TRANSACTION = { maxWait: 30_000, timeout: 10 * 60_000 };

/**
 * Imports a CSV file of end users (see lib/users/csv.ts): every row is
 * checked first, against the rules, the rest of the file and the users that
 * exist, and any error rejects the whole file. Otherwise the Sync Agent
 * places them all and they are inserted in one transaction, in the
 * controller's turn. Refused while any node is in a failover state.
 */
export async function importUsers(db: Db, gate: UserGate, csv: string): Promise<ImportResult> {
  // Refuse before reading a large file that could not be imported anyway.
  refuseWhileFailedOver(gate);
  const parsed = parseUserCsv(csv);
  return gate.exclusive(async () => {
    refuseWhileFailedOver(gate);
    const existing = await existingUserIds(
      db,
      parsed.userIds.map((u) => u.userId),
    );
    const errors = [...parsed.errors];
    for (const { row, userId } of parsed.userIds) {
      const stored = existing.get(userId.toLowerCase());
      if (stored) {
        errors.push({ row, field: "userId", message: `An end user with User ID ${stored} already exists${stored === userId ? "" : " (User IDs are compared without regard to case)"}` });
      }
    }
    if (errors.length) throw importRejected(errors);

    const nodes = await nodesForNewUsers(db, parsed.users.length);
    const rows = parsed.users.map((u, i) => ({
      userId: u.userId,
      firstName: u.firstName,
      lastName: u.lastName,
      signedIn: u.signedIn,
      assignedNodeId: nodes[i] ?? null,
    }));
    // insertUsers writes in chunks; one transaction makes the file all or nothing.
    await db.$transaction((tx) => insertUsers(tx, rows), IMPORT_TRANSACTION);

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

/** Per group and node: users assigned, served now, and signed in now. */
export async function topology(db: Db, controller: HaController): Promise<TopologyView> {
  const statuses = await withUserCounts(db, controller.allStatuses());
  const [mode, unassignedUsers] = await Promise.all([readAssignmentMode(db), db.endUser.count({ where: { assignedNodeId: null } })]);
  const node = (n: (typeof statuses)[number]["nodes"][number]) => ({ id: n.id, hostName: n.hostName, state: n.state, reason: n.reason, unreachable: n.unreachable, users: { assigned: n.users.assigned, serving: n.users.serving, active: n.users.active } });
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
    ungroupedNodes: statuses
      .filter((s) => s.groupId === null)
      .flatMap((s) => s.nodes)
      .filter((n) => n.users.assigned > 0 || n.users.serving > 0)
      .map(node)
      .sort((a, b) => a.hostName.localeCompare(b.hostName)),
  };
}
