import { decidePeerLoss, type PeerLoss, type PeerLossDecision } from "../peer-loss.ts";
import { say } from "../event-text.ts";
import { OPERATION_WORD } from "../history-text.ts";
import { DB_SERVICE } from "../../domain/services.ts";
import { beginTakeover } from "./operations.ts";
import type { GroupMachine } from "../machine.ts";
import type { NodeSim } from "../model.ts";
import { REASON, STATE } from "../names.ts";

/**
 * A node whose SRM has heard nothing from its peer's for the Keep Alive
 * Timeout (the Initialization Keep Alive Timeout while it starts) acts on
 * the silence: rows 16 (Peer Down), 17 (Peer Reboot) and 18 (Peer Down
 * During Initialization). What it does is decided in lib/ha/peer-loss.ts
 * from what it can know; here the decision is carried out.
 */

/** Whether `n` can serve every user: its services run, or its SRM stopped them and can start them again. */
function canTakeUsers(m: GroupMachine, n: NodeSim): boolean {
  if (n.services[DB_SERVICE] !== "STARTED" || n.startFailure) return false;
  return !m.problem(n) || n.servicesStoppedBySrm;
}

/** When `n`, hearing nothing from its peer, acts on the silence, and what it does (lib/ha/peer-loss.ts). */
export function peerLoss(m: GroupMachine, n: NodeSim): PeerLoss | null {
  const p = m.peerOf(n);
  if (!p || !m.active(n) || m.hears(n, p)) return null;
  return decidePeerLoss({ node: n, peer: p, op: m.g.op, now: m.ctx.now, params: m.ctx.params, canTakeUsers: canTakeUsers(m, n) });
}

export function onPeerLoss(m: GroupMachine, n: NodeSim, d: PeerLossDecision) {
  const p = m.peerOf(n)!;
  const op = m.g.op;
  if (op) {
    m.g.op = null;
    m.note("warning", n.id, say("event.gaveUp", { host: n.hostName, operation: say(OPERATION_WORD[op.kind]), why: d.why }));
  }
  n.initUntil = null;
  n.resumeState = null;
  m.because(d.why);
  switch (d.kind) {
    case "takeover":
      return beginTakeover(m, p, n, d.reason);
    case "backup":
      return m.setState(n, n.state === STATE.BACKUP_ACTIVATED ? n.state : STATE.BACKUP, d.reason);
    case "failed":
      return m.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
    case "resolve":
      return m.setState(n, n.servicesStoppedBySrm ? STATE.IDLE : m.failedOver(n) ? STATE.FAILED_OVER_CSNR : STATE.NORMAL, m.failedOver(n) ? REASON.INITIALIZATION : REASON.NORMAL);
  }
}
