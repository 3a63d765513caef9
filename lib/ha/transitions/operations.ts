import { criticalServices, DB_SERVICE } from "../../domain/services.ts";
import { reasonTerm, say } from "../event-text.ts";
import { OPERATION_WORD } from "../history-text.ts";
import { disagree } from "./agreement.ts";
import type { GroupMachine } from "../machine.ts";
import type { MoveUsers, NodeSim, Operation } from "../model.ts";
import { REASON, STATE, type Reason } from "../names.ts";

/**
 * Operations that take time, stepped on the lab clock through the shared
 * database's record of the operation in flight (g.op):
 * - rows 2–3: manual failover (Failing Over / Taking Over, then Idle /
 *   Running in Backup Mode, On Admin Request); rows 12–13 when a critical
 *   service or the database started it;
 * - rows 4 and 10: fallback, by an administrator or automatically (Taking
 *   Back / Falling Back, then Normal / Normal);
 * - rows 16–17: a take-over of a silent peer's users by the node that lost
 *   its heartbeat (only the taker takes part);
 * - rows 14, 19, 20: critical services that fail to start during a take-back,
 *   and user moves the database refuses, end both nodes in Running in
 *   Failed Mode.
 */

export function beginFailover(m: GroupMachine, n: NodeSim, p: NodeSim, reason: Reason) {
  m.g.op = { kind: "failover", from: n.id, to: p.id, reason, step: 1, stepEndsAt: m.ctx.now + m.stepMs() };
  n.criticalDownSince = null;
  p.criticalDownSince = null;
  m.setState(n, STATE.FAILING_OVER, reason);
  m.setState(p, STATE.TAKING_OVER, reason);
}

export function beginFallback(m: GroupMachine, n: NodeSim, p: NodeSim, reason: Reason) {
  m.g.op = { kind: "fallback", from: n.id, to: p.id, reason, step: 1, stepEndsAt: m.ctx.now + m.stepMs() };
  m.setState(n, STATE.TAKING_BACK, reason);
  m.setState(p, STATE.FALLING_BACK, reason);
}

export function beginTakeover(m: GroupMachine, lost: NodeSim, taker: NodeSim, reason: Reason) {
  m.g.op = { kind: "takeover", from: lost.id, to: taker.id, reason, step: 1, stepEndsAt: m.ctx.now + m.stepMs() };
  taker.criticalDownSince = null;
  m.note("state", taker.id, say("event.heartbeatLost", { taker: taker.hostName, lost: lost.hostName, reason: reasonTerm(reason) }));
  m.setState(taker, STATE.TAKING_OVER, reason);
}

/** A user move fails when a node involved carries the injected database error. */
export function moveUsers(m: GroupMachine, move: MoveUsers): boolean {
  if (m.ctx.failMoves) {
    m.note("warning", move.to, say("event.moveRefused"));
    return false;
  }
  const involved = [m.node(move.from), m.node(move.to)];
  const failing = involved.find((x) => x.moveFailure);
  if (failing) {
    failing.moveFailure = false;
    m.note("warning", failing.id, say("event.moveFailed", { host: failing.hostName }));
    return false;
  }
  m.moves.push(move);
  return true;
}

/** The reason a node ends an operation with: Initialization survives an SRM restart. */
function endReason(n: NodeSim, reason: Reason): Reason {
  return n.reason === REASON.INITIALIZATION ? REASON.INITIALIZATION : reason;
}

export function stepOperation(m: GroupMachine, op: Operation) {
  const from = m.node(op.from);
  const to = m.node(op.to);
  m.because(say("event.because.step", { operation: say(OPERATION_WORD[op.kind]), step: String(op.step), host: from.hostName }));
  const next = () => {
    op.step += 1;
    op.stepEndsAt = m.ctx.now + m.stepMs();
  };
  if (op.kind === "failover") {
    if (op.step === 1) {
      if (op.reason === REASON.ADMIN) {
        for (const s of criticalServices(m.ctx.params.monitorXcpAuthentication)) from.services[s] = "STOPPED";
        from.servicesStoppedBySrm = true;
        m.note("service", from.id, say("event.criticalServicesStopped", { host: from.hostName }));
      }
      return next();
    }
    m.g.op = null;
    if (!moveUsers(m, { from: from.id, to: to.id })) {
      m.setState(from, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
      m.setState(to, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
      return;
    }
    from.homeServedBy = to.id;
    const fromState = op.reason === REASON.ADMIN ? STATE.IDLE : m.problem(from) ? STATE.FAILED_OVER_CSNR : STATE.FAILED_OVER;
    m.setState(from, fromState, endReason(from, op.reason));
    m.setState(to, STATE.BACKUP, endReason(to, op.reason));
    return;
  }
  if (op.kind === "fallback") {
    if (op.step === 1) {
      if (from.startFailure) {
        m.g.op = null;
        m.note("warning", from.id, say("event.criticalServicesStartFailed", { host: from.hostName }));
        m.setState(from, STATE.FAILED_MODE, REASON.START_FAILED);
        m.setState(to, STATE.FAILED_MODE, REASON.START_FAILED);
        return;
      }
      for (const s of [...criticalServices(m.ctx.params.monitorXcpAuthentication), DB_SERVICE]) from.services[s] = "STARTED";
      from.servicesStoppedBySrm = false;
      m.note("service", from.id, say("event.criticalServicesStarted", { host: from.hostName }));
      return next();
    }
    m.g.op = null;
    if (!moveUsers(m, { from: to.id, to: from.id, assignedTo: from.id })) {
      m.setState(from, STATE.FAILED_MODE, REASON.TAKE_BACK_FAILED);
      m.setState(to, STATE.FAILED_MODE, REASON.TAKE_BACK_FAILED);
      return;
    }
    from.homeServedBy = from.id;
    m.setState(from, STATE.NORMAL, REASON.NORMAL);
    m.setState(to, STATE.NORMAL, REASON.NORMAL);
    return;
  }
  // takeover: the lost node cannot take part; only the taker changes.
  m.g.op = null;
  if (to.servicesStoppedBySrm) {
    // An idle node taking its users back from a lost backup starts the services its SRM stopped.
    for (const s of criticalServices(m.ctx.params.monitorXcpAuthentication)) to.services[s] = "STARTED";
    to.servicesStoppedBySrm = false;
    m.note("service", to.id, say("event.criticalServicesStarted", { host: to.hostName }));
  }
  if (!moveUsers(m, { from: from.id, to: to.id })) {
    m.setState(to, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
    return;
  }
  from.homeServedBy = to.id;
  to.homeServedBy = to.id;
  m.setState(to, STATE.BACKUP, op.reason);
  // The lost node came back while its users were being taken: it still
  // believes it serves them, so the pair cannot agree (see enforceAgreement).
  if (m.active(from) && from.state === STATE.NORMAL) disagree(m, from, to);
}

/**
 * An operation steps only while the nodes it needs can act: a participant
 * whose SRM restarts (rows 8–9) or that went silent pauses it, until it is
 * back or its peer gives up on it (peerLoss). A take-over needs only the taker.
 */
export function operationCanStep(m: GroupMachine, op: Operation): boolean {
  const needed = op.kind === "takeover" ? [m.node(op.to)] : [m.node(op.from), m.node(op.to)];
  return needed.every((n) => m.active(n) && n.initUntil === null);
}
