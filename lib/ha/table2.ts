import { REASON as R, STATE as S, type NodeState, type Reason } from "./names.ts";

/**
 * Table 2 of the Cisco chapter (../shared/spec/domain.md §4) as data: the
 * documented state pairs, what causes each, and what the administrator should
 * do. Node 1 is the node whose users move; node 2 its peer. Pages show the
 * recommended action beside the buttons; tests and the property test check
 * settled pairs against these rows.
 */
export interface NodeSide {
  states: readonly NodeState[];
  reasons: readonly Reason[];
  /** The node is unreachable (rows 16–17): its peer shows the state it last knew. */
  unreachable?: boolean;
}

export interface Table2Row {
  row: number;
  node1: NodeSide;
  node2: NodeSide;
  cause: string;
  recommendedAction: string;
}

const side = (states: NodeState | readonly NodeState[], reasons: Reason | readonly Reason[], unreachable?: boolean): NodeSide => ({
  states: typeof states === "string" ? [states] : states,
  reasons: typeof reasons === "string" ? [reasons] : reasons,
  ...(unreachable ? { unreachable } : {}),
});

const ANY_STATE = Object.values(S) as NodeState[];
const ANY_REASON = Object.values(R) as Reason[];

export const TABLE2: readonly Table2Row[] = [
  { row: 1, node1: side(S.NORMAL, R.NORMAL), node2: side(S.NORMAL, R.NORMAL), cause: "Normal operation", recommendedAction: "None: both nodes are working normally." },
  { row: 2, node1: side(S.FAILING_OVER, R.ADMIN), node2: side(S.TAKING_OVER, R.ADMIN), cause: "Manual failover in progress", recommendedAction: "Wait for the failover to complete." },
  { row: 3, node1: side(S.IDLE, R.ADMIN), node2: side(S.BACKUP, R.ADMIN), cause: "Manual failover complete", recommendedAction: "Click Fallback on the idle node when it should serve its users again." },
  { row: 4, node1: side(S.TAKING_BACK, R.ADMIN), node2: side(S.FALLING_BACK, R.ADMIN), cause: "Manual fallback in progress", recommendedAction: "Wait for the fallback to complete." },
  { row: 5, node1: side(S.IDLE, R.INITIALIZATION), node2: side(S.BACKUP, R.ADMIN), cause: "The Server Recovery Manager restarted on the idle node", recommendedAction: "Click Fallback on the idle node when it should serve its users again." },
  { row: 6, node1: side(S.IDLE, R.INITIALIZATION), node2: side(S.BACKUP, R.INITIALIZATION), cause: "Both nodes (or both Server Recovery Managers) restarted during a manual failover", recommendedAction: "Click Fallback on the idle node when it should serve its users again." },
  { row: 7, node1: side(S.IDLE, R.ADMIN), node2: side(S.BACKUP, R.INITIALIZATION), cause: "The Server Recovery Manager restarted on the backup node", recommendedAction: "Click Fallback on the idle node when it should serve its users again." },
  { row: 8, node1: side(S.FAILING_OVER, R.ADMIN), node2: side(S.TAKING_OVER, R.INITIALIZATION), cause: "The Server Recovery Manager restarted on the node taking over", recommendedAction: "Wait for the take-over to complete." },
  { row: 9, node1: side(S.TAKING_BACK, R.INITIALIZATION), node2: side(S.FALLING_BACK, R.ADMIN), cause: "The Server Recovery Manager restarted on the node taking back", recommendedAction: "Wait for the take-back to complete; both nodes then return to Normal." },
  { row: 10, node1: side(S.TAKING_BACK, R.AUTO_FALLBACK), node2: side(S.FALLING_BACK, R.AUTO_FALLBACK), cause: "Automatic fallback in progress", recommendedAction: "Wait for the automatic fallback to complete." },
  { row: 11, node1: side(S.FAILED_OVER, [R.INITIALIZATION, R.CRITICAL_SERVICES_DOWN]), node2: side(S.BACKUP, R.CRITICAL_SERVICES_DOWN), cause: "The failed-over node's critical services are running again", recommendedAction: "Click Fallback on the failed-over node." },
  { row: 12, node1: side(S.FAILED_OVER_CSNR, R.CRITICAL_SERVICES_DOWN), node2: side(S.BACKUP, R.CRITICAL_SERVICES_DOWN), cause: "A critical service went down: automatic failover", recommendedAction: "Start the stopped critical services (Control Center) or reboot the node, then click Fallback." },
  { row: 13, node1: side(S.FAILED_OVER_CSNR, R.DATABASE_FAILURE), node2: side(S.BACKUP, R.DATABASE_FAILURE), cause: "The database service failed: automatic failover", recommendedAction: "Reboot the failed-over node, then click Fallback." },
  { row: 14, node1: side(S.FAILED_MODE, R.START_FAILED), node2: side(S.FAILED_MODE, R.START_FAILED), cause: "Critical services failed to start during take-back", recommendedAction: "Click Recover; reboot the nodes if the problem persists, then click Fallback." },
  { row: 15, node1: side(S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN), node2: side(S.FAILED_MODE, R.CRITICAL_SERVICES_DOWN), cause: "A critical service went down on the backup node", recommendedAction: "Click Recover." },
  { row: 16, node1: side(ANY_STATE, ANY_REASON, true), node2: side(S.BACKUP, R.PEER_DOWN), cause: "The peer's heartbeat was lost (network or Server Recovery Manager down): automatic failover", recommendedAction: "Restore the network or start the Server Recovery Manager on the failed node, then click Fallback; if both nodes enter a failed state, click Recover." },
  { row: 17, node1: side(ANY_STATE, ANY_REASON, true), node2: side(S.BACKUP, R.PEER_REBOOT), cause: "The peer went down (power, hardware, shutdown or reboot): automatic failover", recommendedAction: "Repair or power on the failed node, then click Fallback." },
  { row: 18, node1: side([S.FAILED_OVER_CSNR, S.FAILED_OVER], R.INITIALIZATION), node2: side(S.BACKUP, R.PEER_DOWN_INIT), cause: "The peer was not seen while this node's Server Recovery Manager started", recommendedAction: "When the failed-over node is up, click Fallback." },
  { row: 19, node1: side(S.FAILED_MODE, R.TAKE_OVER_FAILED), node2: side(S.FAILED_MODE, R.TAKE_OVER_FAILED), cause: "Moving users during take-over failed (likely a database error)", recommendedAction: "Click Recover; reboot the nodes if the problem persists." },
  { row: 20, node1: side(S.FAILED_MODE, R.TAKE_BACK_FAILED), node2: side(S.FAILED_MODE, R.TAKE_BACK_FAILED), cause: "Moving users during fallback failed", recommendedAction: "Click Recover; reboot the nodes if the problem persists." },
  { row: 21, node1: side(S.FAILED_MODE, R.UNKNOWN), node2: side(S.FAILED_MODE, R.UNKNOWN), cause: "A Server Recovery Manager restarted because its peer's was failed, or an internal error", recommendedAction: "Click Recover." },
  { row: 22, node1: side(S.BACKUP_ACTIVATED, R.AUTO_RECOVER_DB), node2: side(S.FAILOVER_AFFECTED, R.AUTO_RECOVER_DB), cause: "The database went down on the backup node: automatic recovery moves every user to the healthy node", recommendedAction: "Wait for the automatic recovery to complete, then repair the affected node." },
  { row: 23, node1: side(S.BACKUP_ACTIVATED, [R.AUTO_RECOVER_DB, R.AUTO_RECOVER_CSD]), node2: side(S.FAILOVER_AFFECTED, R.AUTO_RECOVER_CSD), cause: "A critical service went down on the backup node: automatic recovery moves every user to the healthy node", recommendedAction: "Wait for the automatic recovery to complete, then start the affected services." },
  { row: 24, node1: side(S.UNKNOWN, [R.NONE, R.UNKNOWN]), node2: side(S.UNKNOWN, [R.NONE, R.UNKNOWN]), cause: "High Availability not enabled correctly", recommendedAction: "Restart the Server Recovery Manager on both nodes (Recover)." },
];

/** Shown for a group whose HA is off; not a row of Table 2 but the CLI's documented output. */
export const HA_OFF_ACTION = "High Availability is not enabled: enable it on the group to protect its users.";

export interface PairNode {
  state: string;
  reason: string;
  unreachable?: boolean;
}

const matches = (s: NodeSide, n: PairNode) =>
  (s.unreachable ? n.unreachable === true : !n.unreachable) &&
  (s.states as readonly string[]).includes(n.state) &&
  (s.reasons as readonly string[]).includes(n.reason);

/**
 * The row a pair of nodes is in, whichever of the two is Table 2's node 1;
 * `swapped` says the second node given is the row's node 1.
 */
export function findRow(a: PairNode, b: PairNode): { row: Table2Row; swapped: boolean } | null {
  for (const row of TABLE2) {
    if (matches(row.node1, a) && matches(row.node2, b)) return { row, swapped: false };
    if (matches(row.node1, b) && matches(row.node2, a)) return { row, swapped: true };
  }
  return null;
}

/**
 * Settled pairs Table 2 does not list but the product's design implies; the
 * README lists each with its reason. Node 1 is again the node whose users moved.
 */
export interface ExtraPair {
  name: string;
  node1: NodeSide;
  node2: NodeSide;
  reason: string;
}

export const EXTRA_SETTLED_PAIRS: readonly ExtraPair[] = [
  {
    name: "row 13 with the database started again by hand",
    node1: side(S.FAILED_OVER, R.DATABASE_FAILURE),
    node2: side(S.BACKUP, R.DATABASE_FAILURE),
    reason: "As row 11 for a critical service: the failed-over node runs again (without the reboot row 13 recommends); Fallback is offered.",
  },
  {
    name: "rows 11–13 after either SRM restarted",
    node1: side([S.FAILED_OVER, S.FAILED_OVER_CSNR], [R.INITIALIZATION, R.CRITICAL_SERVICES_DOWN, R.DATABASE_FAILURE]),
    node2: side(S.BACKUP, [R.INITIALIZATION, R.CRITICAL_SERVICES_DOWN, R.DATABASE_FAILURE]),
    reason: "As rows 5–7 for a manual failover: a restarted SRM shows Initialization; Fallback is offered once the failed-over node's services run.",
  },
  {
    name: "rows 22–23 once the affected node restarted",
    node1: side([S.FAILED_OVER, S.FAILED_OVER_CSNR], R.INITIALIZATION),
    node2: side(S.BACKUP_ACTIVATED, ANY_REASON),
    reason:
      "The affected node came back through a reboot or an SRM restart rather than by starting its services: Fallback is offered, as in rows 22–23 once repaired; " +
      "while its services still do not run it waits for them, Failed Over with Critical Services Not Running, as row 18 shows after Initialization.",
  },
  {
    name: "rows 22–23 after the healthy node's SRM restarted",
    node1: side(S.BACKUP_ACTIVATED, R.INITIALIZATION),
    node2: side(S.FAILOVER_AFFECTED, [R.AUTO_RECOVER_DB, R.AUTO_RECOVER_CSD]),
    reason: "As rows 5–7 and 11–13 after a restart: the restarted SRM shows Initialization; the affected node still waits for its services.",
  },
  {
    name: "both nodes unreachable",
    node1: side(ANY_STATE, ANY_REASON, true),
    node2: side(ANY_STATE, ANY_REASON, true),
    reason: "No SRM can act or be heard: each node shows the state last known, and the pair resumes when a node is back.",
  },
  {
    name: "rows 16–18 once the lost node is back",
    node1: side([S.FAILED_OVER, S.FAILED_OVER_CSNR, S.IDLE], [R.INITIALIZATION, R.CRITICAL_SERVICES_DOWN, R.DATABASE_FAILURE]),
    node2: side(S.BACKUP, [R.PEER_DOWN, R.PEER_REBOOT, R.PEER_DOWN_INIT]),
    reason: "The returning node's SRM finds its users on the peer (as row 18 shows for Peer Down During Initialization); Fallback is offered.",
  },
  {
    name: "backup serving every user while its peer is unreachable",
    node1: side(ANY_STATE, ANY_REASON, true),
    node2: side([S.BACKUP, S.BACKUP_ACTIVATED], ANY_REASON),
    reason: "As rows 16–17: the backup already serves every user, so it has nothing to take over; the peer shows the state last known until it is back.",
  },
  {
    name: "failed-over node that cannot serve while its backup is unreachable",
    node1: side([S.FAILED_OVER_CSNR, S.FAILOVER_AFFECTED, S.IDLE], ANY_REASON),
    node2: side(ANY_STATE, ANY_REASON, true),
    reason: "Its own services are down, so it cannot take the users back: they wait, and it takes them over as soon as its services run again.",
  },
  {
    name: "failed while the peer is unreachable",
    node1: side(S.FAILED_MODE, ANY_REASON),
    node2: side(ANY_STATE, ANY_REASON, true),
    reason: "A failure the SRM cannot resolve alone (rows 14, 15, 19–21) with no peer to agree with: Recover is offered on the reachable node.",
  },
];

/** The README-listed pair a settled pair is in, whichever node is given first. */
export function findExtraPair(a: PairNode, b: PairNode): ExtraPair | null {
  for (const p of EXTRA_SETTLED_PAIRS) {
    if ((matches(p.node1, a) && matches(p.node2, b)) || (matches(p.node1, b) && matches(p.node2, a))) return p;
  }
  return null;
}
