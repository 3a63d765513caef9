import type { Db, Prisma } from "../db/client.ts";
import { keptRead } from "../db/kept-read.ts";
import type { z } from "zod";
import { stringMatchFilter, type Page } from "../schemas/find-list.ts";
import type { eventSchema, eventsQuery, HaStatusView } from "../schemas/ha.ts";
import type { HaStatus } from "./controller.ts";
import { canServeUsers } from "./reachability.ts";

export type UserCounts = { assigned: number; serving: number; active: number };

/** Per node, as stored: users assigned to it, users whose serving node it is, and those signed in there. */
export function userCounts(db: Db, nodeIds: number[]): Promise<ReadonlyMap<number, UserCounts>> {
  const ids = [...new Set(nodeIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
  return ids.length === 0 ? Promise.resolve(new Map()) : countsOf(db, ids);
}

// Every HA view polls these counts: kept until users are written. Nodes are written at every SRM step, so
// depending on them would keep nothing while the lab runs; a node deleted releases its users, an EndUser write.
const countsOf = keptRead(["EndUser"], (ids: number[]) => ids.join(","), countUsers);

async function countUsers(db: Db, ids: number[]): Promise<Map<number, UserCounts>> {
  const counts = new Map<number, UserCounts>(ids.map((id) => [id, { assigned: 0, serving: 0, active: 0 }]));
  // One round trip instead of three: on the embedded database every query waits
  // for the single connection, so a read's throughput follows its query count.
  // Each count is an index-only scan (assignedNodeId; servingNodeId, signedIn).
  const rows = await db.$queryRawUnsafe<{ id: number; assigned: number; serving: number; active: number }[]>(
    `SELECT n.id,
            (SELECT count(*) FROM "EndUser" u WHERE u."assignedNodeId" = n.id)::int AS assigned,
            (SELECT count(*) FROM "EndUser" u WHERE u."servingNodeId" = n.id)::int AS serving,
            (SELECT count(*) FROM "EndUser" u WHERE u."servingNodeId" = n.id AND u."signedIn")::int AS active
       FROM (VALUES ${ids.map((id) => `(${id})`).join(", ")}) AS n(id)`,
  );
  for (const r of rows) counts.set(Number(r.id), { assigned: Number(r.assigned), serving: Number(r.serving), active: Number(r.active) });
  return counts;
}

/**
 * The statuses with each node's users derived from the facts: a node that is
 * down, isolated or not running the services that serve users serves nobody
 * and has nobody signed in; its users are waiting for the peer to take them.
 * The counts are only read, so a connection lost after an action committed
 * is retried once rather than failing an answer about what did happen.
 */
export async function withUserCounts(db: Db, statuses: HaStatus[]): Promise<HaStatusView[]> {
  const ids = statuses.flatMap((s) => s.nodes.map((n) => n.id));
  const counts = await userCounts(db, ids).catch(() => userCounts(db, ids));
  return statuses.map((s) => ({
    ...s,
    nodes: s.nodes.map((n) => {
      const c = counts.get(n.id) ?? { assigned: 0, serving: 0, active: 0 };
      const up = canServeUsers(n);
      return { ...n, users: { assigned: c.assigned, serving: up ? c.serving : 0, active: up ? c.active : 0, waiting: up ? 0 : c.serving } };
    }),
  }));
}

/** The history, newest first. */
export async function listEvents(db: Db, query: z.output<typeof eventsQuery>): Promise<Page<z.infer<typeof eventSchema>>> {
  const where: Prisma.HaEventWhereInput = {
    ...(query.group ? { groupId: query.group } : {}),
    ...(query.node ? { nodeId: query.node } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.q ? { message: stringMatchFilter("contains", query.q) } : {}),
  };
  const [total, rows] = await db.$transaction([
    db.haEvent.count({ where }),
    db.haEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  // The values column holds only what eventColumns wrote: an object of message values.
  const items = rows.map((r) => ({ ...r, at: r.at.toISOString(), messageValues: r.messageValues as Record<string, unknown> | null }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
