import { STATE, STATE_KIND, type NodeState } from "@/lib/ha/names.ts";
import { findRow } from "@/lib/ha/table2.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";

type Node = HaStatusView["nodes"][number];

/**
 * The class a node state is shown with: its Table 1 kind, with the stable
 * states other than Normal (Idle, Backup, Failed Over…) marked degraded,
 * and neutral on a group whose High Availability is simply off.
 */
export function stateClass(state: string, haEnabled: boolean): string {
  if (!haEnabled) return "state-neutral";
  const kind = STATE_KIND[state as NodeState];
  if (!kind) return "state-neutral";
  if (kind === "stable") return state === STATE.NORMAL ? "state-normal" : "state-degraded";
  return `state-${kind}`;
}

export function isTransitional(state: string): boolean {
  return STATE_KIND[state as NodeState] === "transitional";
}

export function isErrorState(state: string): boolean {
  return STATE_KIND[state as NodeState] === "error";
}

/**
 * Whether the peer cannot hear this node (Table 2 rows 16–17). Read from the
 * status when the controller reports it, derived from power, network and SRM
 * otherwise.
 */
function unreachable(n: Node): boolean {
  const reported = (n as Node & { unreachable?: unknown }).unreachable;
  if (typeof reported === "boolean") return reported;
  return n.power !== "ON" || n.isolated || !n.srmRunning;
}

/**
 * The catalogue key (ha namespace) of the documented recommended action for
 * the group as it is now (Table 2's last column, by row), if any.
 */
export function recommendedActionKey(status: HaStatusView): string | null {
  if (!status.haEnabled) return "table2.haOff";
  const [a, b] = status.nodes;
  if (!a || !b) return null;
  const found = findRow(
    { state: a.state, reason: a.reason, unreachable: unreachable(a) },
    { state: b.state, reason: b.reason, unreachable: unreachable(b) },
  );
  return found ? `table2.row${found.row.row}` : null;
}
