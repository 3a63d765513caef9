import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import type { GroupInput, GroupPatch } from "../schemas/groups.ts";
import * as groups from "./service.ts";

/**
 * Group writes as every interface makes them (JSON API, AXL): in the HA
 * controller's turn, so the controller picks up the new membership at once.
 * Turning HA off, or deleting a group with HA on, is first put to the state
 * machine, which refuses while a node is failed over: its users would be left
 * on the peer.
 */
export function addGroup(db: Db, controller: HaController, actor: string, input: GroupInput) {
  return controller.changeGroups(actor, () => groups.createGroup(db, input));
}

export function changeGroup(db: Db, controller: HaController, actor: string, id: number, patch: GroupPatch) {
  return controller.changeGroups(
    actor,
    () => groups.updateGroup(db, id, patch),
    (machineOf) => {
      const m = machineOf(id);
      if (patch.haEnabled === false && m.g.haEnabled) m.disableHa();
    },
  );
}

export function removeGroup(db: Db, controller: HaController, actor: string, id: number, version?: number) {
  return controller.changeGroups(
    actor,
    () => groups.deleteGroup(db, id, version),
    (machineOf) => {
      const m = machineOf(id);
      if (m.g.haEnabled) m.disableHa();
    },
  );
}
