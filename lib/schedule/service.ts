import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { keyedError } from "../http/errors.ts";
import type { ScheduleActionInput, ScheduledActionView } from "../schemas/planning.ts";
import { describeScheduled, type Scheduler, type ScheduledRow } from "./scheduler.ts";

async function views(db: Db, rows: ScheduledRow[]): Promise<ScheduledActionView[]> {
  const ids = [...new Set(rows.map((r) => r.nodeId).filter((id): id is number => id !== null))];
  const nodes = await db.node.findMany({ where: { id: { in: ids } }, select: { id: true, hostName: true } });
  const host = new Map(nodes.map((n) => [n.id, n.hostName]));
  return rows.map((r) => {
    const hostName = r.nodeId !== null ? (host.get(r.nodeId) ?? null) : null;
    return {
      id: r.id,
      groupId: r.groupId,
      kind: r.kind,
      nodeId: r.nodeId,
      hostName,
      fault: r.fault,
      service: r.service,
      description: describeScheduled(r, hostName ?? undefined),
      runAt: Number(r.runAt),
      status: r.status as ScheduledActionView["status"],
      outcome: r.outcome,
      createdBy: r.createdBy,
      finishedAt: r.finishedAt === null ? null : Number(r.finishedAt),
      drillRunId: r.drillRunId,
    };
  });
}

/** Pending rows by lab time, then the 20 latest finished. */
export async function listScheduled(db: Db, controller: HaController, groupId: number) {
  if (!controller.knowsGroup(groupId)) throw keyedError("not_found", { key: "group.notFound", values: { id: String(groupId) } });
  const [pending, finished] = await Promise.all([
    db.scheduledAction.findMany({ where: { groupId, status: { in: ["pending", "running"] } }, orderBy: [{ runAt: "asc" }, { id: "asc" }] }),
    db.scheduledAction.findMany({ where: { groupId, status: { in: ["done", "skipped", "cancelled"] } }, orderBy: { id: "desc" }, take: 20 }),
  ]);
  return { labNow: controller.clock.now(), items: await views(db, [...pending, ...finished]) };
}

export async function scheduleAction(db: Db, controller: HaController, scheduler: Scheduler, groupId: number, input: ScheduleActionInput, by: string) {
  // Answers 404 for a group the controller does not hold.
  const status = controller.groupStatus(groupId);
  const node = input.action === "recover" ? null : input.node!;
  if (node !== null && !status.nodes.some((n) => n.id === node)) {
    throw keyedError("validation_failed", { key: "planning.nodeNotIn", values: { node: String(node), group: status.groupName } }, { node: { key: "planning.mustBeGroupNode" } });
  }
  if (input.at <= controller.clock.now()) {
    throw keyedError("validation_failed", { key: "planning.atNotLater" }, { at: { key: "planning.atLater" } });
  }
  const row = await scheduler.add({ groupId, kind: input.action, nodeId: node, runAt: input.at, createdBy: by });
  return (await views(db, [row]))[0]!;
}

export async function cancelScheduled(db: Db, scheduler: Scheduler, id: number) {
  const row = await db.scheduledAction.findUnique({ where: { id } });
  if (!row) throw keyedError("not_found", { key: "planning.noScheduled", values: { id: String(id) } });
  if (row.drillRunId !== null) throw keyedError("conflict", { key: "planning.drillStep", values: { id: String(id), run: String(row.drillRunId) } });
  const cancelled = await scheduler.cancel(id, { drillRunId: null });
  if (!cancelled) {
    const status = (await db.scheduledAction.findUnique({ where: { id } }))?.status ?? row.status;
    throw keyedError("conflict", { key: "planning.notPending", values: { id: String(id), status } });
  }
  return (await views(db, [cancelled]))[0]!;
}
