import type { HaController } from "./controller.ts";
import { STATE } from "./names.ts";

/** One phrase for a group's HA state: null with HA off, "Normal", or both nodes' states. */
export function haSummary(controller: HaController, groupId: number): string | null {
  const status = controller.knowsGroup(groupId) ? controller.groupStatus(groupId) : null;
  if (!status?.haEnabled) return null;
  return status.nodes.every((n) => n.state === STATE.NORMAL) ? STATE.NORMAL : status.nodes.map((n) => n.state).join(" / ");
}
