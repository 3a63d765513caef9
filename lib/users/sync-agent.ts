import type { Db, Tx } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { say, stateTerm, type EventText } from "../ha/event-text.ts";
import { STATE } from "../ha/names.ts";
import { writeHistory } from "../ha/repository.ts";
import { ASSIGNMENT_MODE_KEY, ASSIGNMENT_MODES, chooseNodes, DEFAULT_ASSIGNMENT_MODE, rebalancePlan, type AssignmentMode, type GroupLoad } from "./assignment.ts";

const SCOPE = "enterprise";
const MODE_KEY = "userAssignmentMode";
const PENDING_KEY = "assignmentPendingGroups";

async function readSetting<T>(db: Db | Tx, key: string, fallback: T): Promise<T> {
  const row = await db.setting.findUnique({ where: { scope_key: { scope: SCOPE, key } } });
  return row ? (JSON.parse(row.value) as T) : fallback;
}

async function writeSetting(db: Db | Tx, key: string, value: unknown, updatedBy: string) {
  await db.setting.upsert({
    where: { scope_key: { scope: SCOPE, key } },
    create: { scope: SCOPE, key, value: JSON.stringify(value), updatedBy },
    update: { value: JSON.stringify(value), updatedBy },
  });
}

export async function readAssignmentMode(db: Db | Tx): Promise<AssignmentMode> {
  const mode = await readSetting<string>(db, MODE_KEY, DEFAULT_ASSIGNMENT_MODE);
  return (ASSIGNMENT_MODES as readonly string[]).includes(mode) ? (mode as AssignmentMode) : DEFAULT_ASSIGNMENT_MODE;
}

/** The mode as the Enterprise Parameters page names it. */
const modeTerm = (mode: AssignmentMode): EventText => ({ ns: "params-pages", key: `enterprise.mode.${ASSIGNMENT_MODE_KEY[mode]}` });

/** Groups waiting to be re-assigned until they are back to Normal. */
export function readPendingGroups(db: Db | Tx): Promise<number[]> {
  return readSetting<number[]>(db, PENDING_KEY, []);
}

/** Every group's nodes (or one cluster's groups') in Presence Server order, with their assigned users. */
export async function groupLoads(db: Db | Tx, clusterId?: number): Promise<GroupLoad[]> {
  const groups = await db.presenceRedundancyGroup.findMany({
    where: clusterId === undefined ? {} : { clusterId },
    orderBy: { id: "asc" },
    include: { nodes: { orderBy: { groupPosition: "asc" }, select: { id: true, _count: { select: { assignedUsers: true } } } } },
  });
  return groups.map((g) => ({ groupId: g.id, nodes: g.nodes.map((n) => ({ id: n.id, users: n._count.assignedUsers })) }));
}

/** Moves assigned users within one group to the mode's distribution; users move home with them. */
async function rebalance(db: Db, mode: AssignmentMode, load: GroupLoad): Promise<number> {
  const plan = rebalancePlan(mode, load);
  if (plan.length === 0) return 0;
  return db.$transaction(async (tx) => {
    let moved = 0;
    for (const move of plan) {
      const ids = await tx.endUser.findMany({
        where: { assignedNodeId: move.from },
        orderBy: { id: "desc" },
        take: move.count,
        select: { id: true },
      });
      const result = await tx.endUser.updateMany({
        where: { id: { in: ids.map((u) => u.id) } },
        data: { assignedNodeId: move.to, servingNodeId: move.to },
      });
      moved += result.count;
    }
    return moved;
  });
}

/**
 * Sets the mode and re-assigns every group it can now. A group with a node
 * failed over keeps its users where they are until it is back to Normal;
 * the Sync Agent then applies the mode (see watchPending).
 */
export async function applyAssignmentMode(db: Db, controller: HaController, mode: AssignmentMode, actor: string) {
  return controller.exclusive(async () => {
    await writeSetting(db, MODE_KEY, mode, actor);
    const pending: number[] = [];
    let moved = 0;
    for (const load of await groupLoads(db)) {
      if (controller.groupSettled(load.groupId)) moved += await rebalance(db, mode, load);
      else pending.push(load.groupId);
    }
    await writeSetting(db, PENDING_KEY, pending, actor);
    await writeHistory(db, controller.clock.now(), [
      {
        kind: "parameter",
        actor,
        text: say("event.assignmentModeSet", {
          setting: { ns: "params-pages", key: "enterprise.userAssignmentMode" },
          mode: modeTerm(mode),
          moved,
          pending: pending.length,
          normal: stateTerm(STATE.NORMAL),
        }),
      },
    ]);
    return { mode, moved, pendingGroups: pending };
  });
}

/** Re-assigns the waiting groups as soon as each is back to Normal. Stopping waits for the work in flight. */
export function watchPending(db: Db, controller: HaController): () => Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const unsubscribe = controller.onChange((notice) => {
    // Only the leader's Sync Agent writes; followers see the same notices relayed.
    if (!controller.leading || notice.groupId === null || !controller.groupSettled(notice.groupId)) return;
    const work = applyWhenBackToNormal(db, controller, notice.groupId).catch((err: unknown) => console.error(err));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  return async () => {
    unsubscribe();
    await Promise.all(inFlight);
  };
}

async function applyWhenBackToNormal(db: Db, controller: HaController, groupId: number) {
  // Every settled group's notice comes here and most find nothing to do: none of them may hold the
  // other groups meanwhile, nor wait for another group's long work (an import) while holding them.
  if (!(await readPendingGroups(db)).includes(groupId)) return;
  await controller.exclusiveWhenQuiet(async () => {
    const pending = await readPendingGroups(db);
    if (!pending.includes(groupId) || !controller.groupSettled(groupId)) return;
    const mode = await readAssignmentMode(db);
    const load = (await groupLoads(db)).find((g) => g.groupId === groupId);
    const moved = load ? await rebalance(db, mode, load) : 0;
    await writeSetting(db, PENDING_KEY, pending.filter((id) => id !== groupId), "Sync Agent");
    await writeHistory(db, controller.clock.now(), [
      {
        groupId,
        kind: "parameter",
        actor: "Sync Agent",
        text: say("event.assignmentModeApplied", { normal: stateTerm(STATE.NORMAL), mode: modeTerm(mode), moved }),
      },
    ]);
  });
}

/**
 * The nodes the Sync Agent gives `count` new users of one home cluster under
 * the current mode (null: unassigned): only that cluster's groups serve them.
 */
export async function nodesForNewUsers(db: Db | Tx, clusterId: number, count: number): Promise<(number | null)[]> {
  return chooseNodes(await readAssignmentMode(db), await groupLoads(db, clusterId), count);
}
