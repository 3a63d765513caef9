import { STATE } from "../ha/names.ts";
import type { MessageRef } from "../http/errors.ts";

/**
 * When adding end users is refused. The product refuses while a node of the
 * users' own cluster is in a failover state: a failover, fallback or
 * recovery is under way or has left users away from their node, and users
 * added then would be assigned to a node that is not serving. With High
 * Availability enabled, every state but Normal is such a state except
 * Initializing, which is the node's SRM (re)starting and moves no user.
 * A group with HA disabled has no failover and never refuses.
 */
const NOT_FAILOVER: ReadonlySet<string> = new Set([STATE.NORMAL, STATE.INITIALIZING]);

export function isFailoverState(state: string): boolean {
  return !NOT_FAILOVER.has(state);
}

/** What the rule needs of the HA controller's status of one group (or ungrouped node). */
export interface GroupHaStatus {
  haEnabled: boolean;
  nodes: { id: number; hostName: string; state: string; reason: string }[];
}

/**
 * The refusal for adding end users of `cluster`, or null when they may be
 * added. `cluster.nodeIds` are the cluster's nodes; statuses of other
 * clusters' groups do not matter.
 */
export function addUsersBlocker(
  cluster: { name: string; nodeIds: ReadonlySet<number> },
  statuses: readonly GroupHaStatus[],
): MessageRef | null {
  for (const status of statuses) {
    if (!status.haEnabled) continue;
    const node = status.nodes.find((n) => cluster.nodeIds.has(n.id) && isFailoverState(n.state));
    if (node) {
      const values = { cluster: cluster.name, host: node.hostName, state: { key: `ha.state.${node.state}` } };
      return node.reason ? { key: "user.addBlockedReason", values: { ...values, reason: { key: `ha.reason.${node.reason}` } } } : { key: "user.addBlocked", values };
    }
  }
  return null;
}
