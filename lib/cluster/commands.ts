import type { Db } from "../db/client.ts";
import { addGroup, changeGroup, removeGroup } from "../groups/changes.ts";
import type { HaController } from "../ha/controller.ts";
import type { Fault, ServiceAction } from "../ha/machine.ts";
import type { HaAction } from "../ha/names.ts";
import type { LabSettings } from "../ha/lab-settings.ts";
import { withUserCounts } from "../ha/views.ts";
import * as inventory from "../inventory/nodes.ts";
import { updateServiceParameters } from "../params/service.ts";
import { writeScope } from "../params/store.ts";
import type { ServiceParametersPatch } from "../params/validation.ts";
import type { GroupInput, GroupPatch } from "../schemas/groups.ts";
import type { NodeCreateInput } from "../schemas/nodes.ts";
import type { AssignmentMode } from "../users/assignment.ts";
import { setAssignmentMode } from "../users/enterprise.ts";

/**
 * Every input that changes what the controller runs, as data: the instance
 * that receives it runs it when it leads, or hands it to the leader through
 * the database (lib/cluster/requests.ts). Routes submit commands; they never
 * call the controller's inputs themselves, so a follower cannot act alone.
 */
export type Command =
  | { kind: "action"; actor: string; groupId: number; action: HaAction; nodeId?: number }
  | { kind: "serviceAction"; actor: string; nodeId: number; service: string; action: ServiceAction }
  | { kind: "fault"; actor: string; nodeId: number; fault: Fault; service?: string }
  | { kind: "lab"; actor: string; settings: LabSettings }
  | { kind: "serviceParameters"; actor: string; patch: ServiceParametersPatch }
  | { kind: "assignmentMode"; actor: string; mode: AssignmentMode }
  | { kind: "createGroup"; actor: string; input: GroupInput }
  | { kind: "updateGroup"; actor: string; id: number; patch: GroupPatch }
  | { kind: "deleteGroup"; actor: string; id: number; version?: number }
  | { kind: "createNode"; actor: string; input: NodeCreateInput }
  | { kind: "deleteNode"; actor: string; id: number };

/** Runs a command on the leader; the result is plain JSON, the same whichever instance received it. */
export async function executeCommand(db: Db, controller: HaController, c: Command): Promise<unknown> {
  switch (c.kind) {
    case "action":
      return (await withUserCounts(db, [await controller.action(c.groupId, c.action, c.nodeId, c.actor)]))[0]!;
    case "serviceAction":
      return (await withUserCounts(db, [await controller.serviceAction(c.nodeId, c.service, c.action, c.actor)]))[0]!;
    case "fault":
      return (await withUserCounts(db, [await controller.fault(c.nodeId, c.fault, c.actor, c.service)]))[0]!;
    case "lab":
      await writeScope(db, "lab", c.settings, c.actor);
      await controller.setLabSettings(c.settings);
      return { ...controller.labSettings, labNow: controller.clock.now() };
    case "serviceParameters":
      return updateServiceParameters(db, controller, c.patch, c.actor);
    case "assignmentMode":
      return setAssignmentMode(db, controller, c.mode, c.actor);
    case "createGroup":
      return addGroup(db, controller, c.actor, c.input);
    case "updateGroup":
      return changeGroup(db, controller, c.actor, c.id, c.patch);
    case "deleteGroup":
      await removeGroup(db, controller, c.actor, c.id, c.version);
      return null;
    case "createNode":
      return controller.changeGroups(c.actor, () => inventory.createNode(db, c.input));
    case "deleteNode":
      await controller.changeGroups(c.actor, () => inventory.deleteNode(db, c.id));
      return null;
  }
}
