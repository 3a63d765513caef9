/**
 * The Sync Agent's user assignment, as the enterprise parameter "User
 * Assignment Mode for Presence Server" decides it. Pure planning: the
 * database work is in sync-agent.ts.
 */
export const ASSIGNMENT_MODES = ["Balanced", "Active-Standby", "None"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];
export const DEFAULT_ASSIGNMENT_MODE: AssignmentMode = "Balanced";

/** Each mode's key in the catalogues (params-pages enterprise.mode.* and enterprise.help.*). */
export const ASSIGNMENT_MODE_KEY: Record<AssignmentMode, string> = { Balanced: "balanced", "Active-Standby": "activeStandby", None: "none" };

export const ASSIGNMENT_MODE_HELP: Record<AssignmentMode, string> = {
  Balanced: "Users are spread evenly over the nodes of each Presence Redundancy Group.",
  "Active-Standby": "All users are assigned to the first node of their group; the second node is the backup.",
  None: "The Sync Agent assigns no users to nodes.",
};

/** A group's nodes in order (Presence Server 1, then 2) with their assigned users. */
export interface GroupLoad {
  groupId: number;
  nodes: { id: number; users: number }[];
}

function target(mode: AssignmentMode, group: GroupLoad): number[] {
  const total = group.nodes.reduce((a, n) => a + n.users, 0);
  if (mode === "Active-Standby") return group.nodes.map((_, i) => (i === 0 ? total : 0));
  // Balanced: as even as possible; the odd users stay on the nodes that hold most.
  const base = Math.floor(total / group.nodes.length);
  const extra = new Set(
    group.nodes
      .map((n, i) => ({ i, users: n.users }))
      .sort((a, b) => b.users - a.users)
      .slice(0, total - base * group.nodes.length)
      .map((x) => x.i),
  );
  return group.nodes.map((_, i) => base + (extra.has(i) ? 1 : 0));
}

/** The fewest moves that bring one group to the mode's distribution. */
export function rebalancePlan(mode: AssignmentMode, group: GroupLoad): { from: number; to: number; count: number }[] {
  if (mode === "None" || group.nodes.length === 0) return [];
  const want = target(mode, group);
  const surplus = group.nodes.map((n, i) => ({ id: n.id, delta: n.users - want[i]! }));
  const givers = surplus.filter((s) => s.delta > 0);
  const takers = surplus.filter((s) => s.delta < 0);
  const moves: { from: number; to: number; count: number }[] = [];
  for (const g of givers) {
    for (const t of takers) {
      const count = Math.min(g.delta, -t.delta);
      if (count <= 0) continue;
      moves.push({ from: g.id, to: t.id, count });
      g.delta -= count;
      t.delta += count;
    }
  }
  return moves;
}

/**
 * Nodes for `count` new users: each goes to the least-loaded group, then to
 * the node the mode chooses in it. With None (or no group) users stay
 * unassigned. `groups` is updated as users are placed.
 */
export function chooseNodes(mode: AssignmentMode, groups: GroupLoad[], count: number): (number | null)[] {
  const usable = groups.filter((g) => g.nodes.length > 0);
  if (mode === "None" || usable.length === 0) return Array.from({ length: count }, () => null);
  const load = (g: GroupLoad) => g.nodes.reduce((a, n) => a + n.users, 0) / g.nodes.length;
  const out: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    const group = usable.reduce((best, g) => (load(g) < load(best) ? g : best));
    const node =
      mode === "Active-Standby" ? group.nodes[0]! : group.nodes.reduce((best, n) => (n.users < best.users ? n : best));
    node.users += 1;
    out.push(node.id);
  }
  return out;
}
