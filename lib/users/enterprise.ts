import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { ASSIGNMENT_MODE_HELP, ASSIGNMENT_MODES, DEFAULT_ASSIGNMENT_MODE, type AssignmentMode } from "./assignment.ts";
import { applyAssignmentMode, readAssignmentMode, readPendingGroups } from "./sync-agent.ts";

export async function enterpriseParametersView(db: Db) {
  const pending = await readPendingGroups(db);
  const groups = await db.presenceRedundancyGroup.findMany({ where: { id: { in: pending } }, select: { id: true, name: true } });
  return {
    userAssignmentMode: await readAssignmentMode(db),
    default: DEFAULT_ASSIGNMENT_MODE,
    options: ASSIGNMENT_MODES.map((value) => ({ value, help: ASSIGNMENT_MODE_HELP[value] })),
    pendingGroups: groups,
  };
}

export async function setAssignmentMode(db: Db, controller: HaController, mode: AssignmentMode, actor: string) {
  const { moved } = await applyAssignmentMode(db, controller, mode, actor);
  return { ...(await enterpriseParametersView(db)), moved };
}
