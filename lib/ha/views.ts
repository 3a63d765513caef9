import type { Db, Prisma } from "../db/client.ts";
import type { z } from "zod";
import { stringMatchFilter, type Page } from "../schemas/find-list.ts";
import type { eventSchema, eventsQuery, HaStatusView } from "../schemas/ha.ts";
import type { HaStatus } from "./controller.ts";

export type UserCounts = { assigned: number; serving: number; active: number };

/** Per node: users assigned to it, users it serves now, and those signed in on it. */
export async function userCounts(db: Db, nodeIds: number[]): Promise<Map<number, UserCounts>> {
  const [assigned, serving, active] = await Promise.all([
    db.endUser.groupBy({ by: ["assignedNodeId"], where: { assignedNodeId: { in: nodeIds } }, _count: { _all: true } }),
    db.endUser.groupBy({ by: ["servingNodeId"], where: { servingNodeId: { in: nodeIds } }, _count: { _all: true } }),
    db.endUser.groupBy({ by: ["servingNodeId"], where: { servingNodeId: { in: nodeIds }, signedIn: true }, _count: { _all: true } }),
  ]);
  const counts = new Map<number, UserCounts>(nodeIds.map((id) => [id, { assigned: 0, serving: 0, active: 0 }]));
  for (const r of assigned) if (r.assignedNodeId !== null) counts.get(r.assignedNodeId)!.assigned = r._count._all;
  for (const r of serving) if (r.servingNodeId !== null) counts.get(r.servingNodeId)!.serving = r._count._all;
  for (const r of active) if (r.servingNodeId !== null) counts.get(r.servingNodeId)!.active = r._count._all;
  return counts;
}

export async function withUserCounts(db: Db, statuses: HaStatus[]): Promise<HaStatusView[]> {
  const counts = await userCounts(
    db,
    statuses.flatMap((s) => s.nodes.map((n) => n.id)),
  );
  return statuses.map((s) => ({
    ...s,
    nodes: s.nodes.map((n) => ({ ...n, users: counts.get(n.id) ?? { assigned: 0, serving: 0, active: 0 } })),
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
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total, page: query.page, pageSize: query.pageSize };
}
