import type { NodeState, Reason } from "../names.ts";

/**
 * What one node's SRM tells its peer in each heartbeat (and in the state
 * messages it sends between heartbeats): its own state, and whether its
 * critical services run. It is all a node knows of its peer's SRM; a node
 * hears none while the peer is down, booting, isolated or has its SRM
 * stopped, whatever the phase of the heartbeat cycle.
 */
export interface Heartbeat {
  state: NodeState;
  reason: Reason;
  /** "db" when the peer's database is down, "csd" when another critical service is. */
  problem: "db" | "csd" | null;
  /** The peer's SRM is still starting. */
  starting: boolean;
  /** HA was enabled while the peer's SRM was not running: it waits for an SRM restart. */
  awaitingSrmRestart: boolean;
}

/** What a node's SRM has learned of its peer over the lab network. */
export interface PeerView {
  /** The last heartbeat received; null before the first. */
  heard: Heartbeat | null;
  /**
   * The peer's SRM announced that its node is shutting down (a reboot or a
   * power-off) before it went silent: its silence is then a Peer Reboot
   * (row 17) rather than a Peer Down (row 16). Cleared by the next heartbeat.
   */
  shutdownNotice: boolean;
}

export const NOTHING_HEARD: PeerView = { heard: null, shutdownNotice: false };

/** Reads a persisted view, whatever an older row holds. */
export function parsePeerView(value: unknown): PeerView {
  if (!value || typeof value !== "object") return { ...NOTHING_HEARD };
  const v = value as Partial<PeerView>;
  return { heard: v.heard ?? null, shutdownNotice: v.shutdownNotice === true };
}
