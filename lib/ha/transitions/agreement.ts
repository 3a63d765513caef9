import type { GroupMachine } from "../machine.ts";
import { say, stateTerm } from "../event-text.ts";
import type { NodeSim } from "../model.ts";
import { REASON, STATE, type NodeState } from "../names.ts";

/**
 * Two SRMs that hear each other must agree on who serves whose users; when
 * they cannot (a node back from a silence during which its peer took its
 * users), both enter Running in Failed Mode / Unknown (row 21) and Recover
 * restarts both SRMs.
 */

/**
 * Two SRMs that hear each other must agree: a node in Normal serves its own
 * users, and a node does not stay failed alone while its peer runs on (the
 * documented cause of row 21: an SRM whose peer's SRM has failed).
 */
export function enforceAgreement(m: GroupMachine): boolean {
  if (m.g.op) return false;
  const [a, b] = m.g.nodes as [NodeSim, NodeSim];
  if (!m.hears(a, b) || a.initUntil !== null || b.initUntil !== null) return false;
  if (agree(m, a, b)) return false;
  m.note("warning", null, say("event.disagree", { a: a.hostName, aState: stateTerm(a.state), b: b.hostName, bState: stateTerm(b.state) }));
  disagree(m, a, b);
  return true;
}

/** States two SRMs that hear each other may hold together, given who serves whose users. */
export function agree(m: GroupMachine, a: NodeSim, b: NodeSim): boolean {
  if (a.state === STATE.UNKNOWN || b.state === STATE.UNKNOWN) return true;
  if (a.state === STATE.FAILED_MODE || b.state === STATE.FAILED_MODE) return a.state === b.state;
  if (a.state === STATE.NORMAL || b.state === STATE.NORMAL) return a.state === b.state && !m.failedOver(a) && !m.failedOver(b);
  const away: readonly NodeState[] = [STATE.IDLE, STATE.FAILED_OVER, STATE.FAILED_OVER_CSNR, STATE.FAILOVER_AFFECTED];
  const holding: readonly NodeState[] = [STATE.BACKUP, STATE.BACKUP_ACTIVATED];
  const fits = (x: NodeSim, y: NodeSim) => away.includes(x.state) && m.failedOver(x) && holding.includes(y.state) && !m.failedOver(y);
  return fits(a, b) || fits(b, a);
}

/** Both nodes enter a failed state; Recover restarts both SRMs, which then agree. */
export function disagree(m: GroupMachine, a: NodeSim, b: NodeSim) {
  m.because(say("event.because.disagree", { a: a.hostName, b: b.hostName }));
  for (const n of [a, b]) {
    n.initUntil = null;
    n.resumeState = null;
  }
  m.setState(a, STATE.FAILED_MODE, REASON.UNKNOWN);
  m.setState(b, STATE.FAILED_MODE, REASON.UNKNOWN);
}
