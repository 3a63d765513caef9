import type { ClusterParameters } from "../params/definitions.ts";
import { say, type EventText } from "./event-text.ts";
import { OPERATION_WORD } from "./history-text.ts";
import type { NodeSim, Operation } from "./model.ts";
import { OPERATION_STATES, REASON, STATE, type Reason } from "./names.ts";

/**
 * Rows 16–18 of Table 2, and what the design implies where the table is
 * silent: what one node's SRM does when its peer's heartbeat has been
 * missing for the Keep Alive Timeout (the Initialization Keep Alive Timeout
 * while it starts). It decides from what it can know: its own state and
 * services, the operation it takes part in, and who serves whose users in
 * the shared database; never from its peer's power or services, which it
 * cannot see. An operation in flight waits for a silent
 * participant until this moment, so no transitional state waits for a node
 * that is down.
 */
export interface PeerLossDecision {
  /** takeover: take every user the peer holds; backup: it already serves every user; failed: it cannot serve them; resolve: end its start without the peer. */
  kind: "takeover" | "backup" | "failed" | "resolve";
  reason: Reason;
  /** Written beside the state change in the history. */
  why: EventText;
}

export interface PeerLoss {
  /** The lab moment the silence is acted on. */
  at: number;
  decision: PeerLossDecision;
}

export interface PeerLossView {
  /** A node whose SRM runs and reaches the network, hearing nothing from `peer`. */
  node: NodeSim;
  peer: NodeSim;
  op: Operation | null;
  now: number;
  params: ClusterParameters;
  /** Its services run, or its SRM stopped them and can start them again. */
  canTakeUsers: boolean;
}


/** What `node` will do about its silent peer, and when; null when it has nothing to do. */
export function decidePeerLoss({ node: n, peer: p, op, now, params, canTakeUsers }: PeerLossView): PeerLoss | null {
  if (op?.kind === "takeover" && op.to === n.id) return null;
  if (n.state === STATE.FAILED_MODE || n.state === STATE.UNKNOWN) return null;
  const initializing = n.state === STATE.INITIALIZING;
  if (initializing && n.initUntil !== null && n.initUntil > now) return null;
  const timeout = initializing ? params.initializationKeepAliveTimeout : params.keepAliveTimeout;
  const at = n.lastPeerHeartbeat + timeout * 1000 + 1;
  // A peer that announced its node's shutdown went down (row 17); one that fell silent without a word lost its SRM or network (row 16).
  const reason = initializing ? REASON.PEER_DOWN_INIT : n.peerView.shutdownNotice ? REASON.PEER_REBOOT : REASON.PEER_DOWN;
  const peerHolds = p.homeServedBy === p.id || n.homeServedBy === p.id;
  const inOp = !!op && (op.from === n.id || op.to === n.id);
  const decide = (kind: PeerLossDecision["kind"], why: EventText): PeerLoss => ({ at, decision: { kind, reason, why } });
  const peer = p.hostName;
  if (peerHolds && canTakeUsers) return decide("takeover", say("event.peerLoss.takeover", { peer }));
  if (!peerHolds && (inOp || initializing || n.state === STATE.NORMAL)) return decide("backup", say("event.peerLoss.backup", { peer }));
  if (peerHolds && initializing) return decide("resolve", say("event.peerLoss.resolve", { peer }));
  if (peerHolds && (inOp || OPERATION_STATES.includes(n.state))) {
    return decide("failed", say("event.peerLoss.failed", { peer, operation: say(OPERATION_WORD[op?.kind ?? "transition"]) }));
  }
  return null;
}
