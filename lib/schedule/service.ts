import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { ApiError } from "../http/errors.ts";
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
  if (!controller.knowsGroup(groupId)) throw new ApiError("not_found", `No Presence Redundancy Group with id ${groupId}`);
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
    throw new ApiError("validation_failed", `Node ${node} is not in ${status.groupName}`, { node: "must be a node of this group" });
  }
  if (input.at <= controller.clock.now()) {
    throw new ApiError("validation_failed", "at must be a lab time later than now", { at: "must be later than the lab time now" });
  }
  const row = await scheduler.add({ groupId, kind: input.action, nodeId: node, runAt: input.at, createdBy: by });
  return (await views(db, [row]))[0]!;
}

export async function cancelScheduled(db: Db, scheduler: Scheduler, id: number) {
  const row = await db.scheduledAction.findUnique({ where: { id } });
  if (!row) throw new ApiError("not_found", `No scheduled action with id ${id}`);
  if (row.drillRunId !== null) throw new ApiError("conflict", `Scheduled action ${id} is a step of drill run ${row.drillRunId}: abandon the drill instead`);
  const cancelled = await scheduler.cancel(id, { drillRunId: null });
  if (!cancelled) throw new ApiError("conflict", `Scheduled action ${id} is ${(await db.scheduledAction.findUnique({ where: { id } }))?.status ?? row.status}, no longer pending`);
  return (await views(db, [cancelled]))[0]!;
}
