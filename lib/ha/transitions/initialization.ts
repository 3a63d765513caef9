import { criticalServices } from "../../domain/services.ts";
import { say } from "../event-text.ts";
import { OPERATION_WORD } from "../history-text.ts";
import { labMs } from "../lab-settings.ts";
import type { GroupMachine } from "../machine.ts";
import type { NodeSim } from "../model.ts";
import { OPERATION_STATES, REASON, STATE } from "../names.ts";

/**
 * The Server Recovery Manager's start: Initializing, then it resumes from
 * what it finds once it hears its peer (rows 5–9: Idle, Running in Backup
 * Mode or the operation in flight, with reason Initialization), fails with
 * a failed peer (row 21), or waits for the peer's restart when HA was
 * enabled without one (row 24). Row 18 (the peer never heard during the
 * start) is decided by heartbeat loss.
 */

/**
 * The SRM (re)starts: Initializing, then it resumes from what it finds. A
 * fresh start (Recover) forgets the failed state it was in.
 */
export function startSrm(m: GroupMachine, n: NodeSim, { fresh = false } = {}) {
  if (!m.g.haEnabled) return;
  n.resumeState = fresh ? null : n.state === STATE.INITIALIZING ? n.resumeState : n.state;
  n.initUntil = m.ctx.now + labMs(m.ctx.lab.srmStartSeconds);
  n.lastPeerHeartbeat = m.ctx.now;
  n.criticalDownSince = null;
  m.because(say(fresh ? "event.because.recoverRestartsSrm" : "event.because.srmStarting"));
  m.setState(n, STATE.INITIALIZING, REASON.INITIALIZATION);
}

export function resolveInitialization(m: GroupMachine, n: NodeSim) {
  const p = m.peerOf(n)!;
  const resume = n.resumeState;
  n.initUntil = null;
  n.resumeState = null;
  n.lastPeerHeartbeat = m.ctx.now;
  m.because(say("event.because.srmHeardPeer", { peer: p.hostName }));
  const seen = m.seen(n);
  if (seen?.awaitingSrmRestart) {
    m.because(say("event.because.peerSrmNotRestarted", { peer: p.hostName }));
    m.setState(n, STATE.UNKNOWN, REASON.NONE);
    return;
  }
  if (m.linked(n) && seen?.state === STATE.UNKNOWN && seen.reason === REASON.NONE) {
    m.request(n, p, say("event.ask.startSrm"), () => startSrm(m, p));
  }
  if (m.linked(n) && seen?.state === STATE.FAILED_MODE) {
    // Documented: an SRM that restarts and finds its peer's SRM failed fails too.
    m.because(say("event.because.peerSrmFailed", { peer: p.hostName }));
    m.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
    m.request(n, p, say("event.ask.failedMode"), () => m.setState(p, STATE.FAILED_MODE, REASON.UNKNOWN));
    return;
  }
  if (resume === STATE.FAILED_MODE) {
    m.because(say("event.because.restartedFailed"));
    m.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
    return;
  }
  const op = m.g.op;
  if (op && (op.from === n.id || op.to === n.id) && resume && OPERATION_STATES.includes(resume)) {
    m.because(say("event.because.resuming", { operation: say(OPERATION_WORD[op.kind]) }));
    m.setState(n, resume, REASON.INITIALIZATION);
    op.stepEndsAt = Math.max(op.stepEndsAt, m.ctx.now);
    return;
  }
  if (m.failedOver(n)) {
    const running = !m.problem(n);
    const state = n.servicesStoppedBySrm ? STATE.IDLE : running ? STATE.FAILED_OVER : STATE.FAILED_OVER_CSNR;
    m.because(say("event.because.servedByPeer", { peer: p.hostName }));
    m.setState(n, state, REASON.INITIALIZATION);
    return;
  }
  if (p.homeServedBy === n.id && p.id !== n.id) {
    m.because(say("event.because.servesPeer", { peer: p.hostName }));
    m.setState(n, resume === STATE.BACKUP_ACTIVATED ? STATE.BACKUP_ACTIVATED : STATE.BACKUP, REASON.INITIALIZATION);
    return;
  }
  if (n.servicesStoppedBySrm) {
    n.servicesStoppedBySrm = false;
    for (const s of criticalServices(m.ctx.params.monitorXcpAuthentication)) m.startService(n, s);
  }
  m.setState(n, STATE.NORMAL, REASON.NORMAL);
}
