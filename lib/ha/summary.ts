import { STATE } from "./names.ts";

/** One phrase for a group's HA state: null with HA off, "Normal", or both nodes' states. */
export function summarizeHa(status: { haEnabled: boolean; nodes: { state: string }[] }): string | null {
  if (!status.haEnabled) return null;
  return status.nodes.every((n) => n.state === STATE.NORMAL) ? STATE.NORMAL : status.nodes.map((n) => n.state).join(" / ");
}
