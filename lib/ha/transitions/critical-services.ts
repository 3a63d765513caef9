import { criticalServices, DB_SERVICE } from "../../domain/services.ts";
import { say } from "../event-text.ts";
import { beginFailover, moveUsers } from "./operations.ts";
import type { GroupMachine } from "../machine.ts";
import type { NodeSim } from "../model.ts";
import { REASON, STATE } from "../names.ts";

/**
 * A critical service or the database down on a node for longer than the
 * Critical Service Down Delay: the automatic failover of rows 12–13, both
 * nodes failed when the backup loses one (row 15), the automatic recovery
 * of rows 22–23 when a healthy failed-over peer can take every user, and
 * the way back when the services run again (row 11).
 */

export function onCriticalTimeout(m: GroupMachine, n: NodeSim, problem: "db" | "csd") {
  const p = m.peerOf(n)!;
  n.criticalDownSince = null;
  const reason = problem === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN;
  const down = [...criticalServices(m.ctx.params.monitorXcpAuthentication), DB_SERVICE].filter((s) => n.services[s] !== "STARTED");
  m.because(say("event.because.criticalServicesDown", { services: down.join(", "), host: n.hostName, delay: String(m.ctx.params.criticalServiceDownDelay) }));
  const seen = m.linked(n) ? m.seen(n) : null;
  const bothFailed = () => {
    m.setState(n, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN);
    if (seen) m.request(n, p, say("event.ask.failedMode"), () => m.setState(p, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN));
  };
  switch (n.state) {
    case STATE.NORMAL:
      if (seen?.state === STATE.NORMAL && !seen.problem) beginFailover(m, n, p, reason);
      else bothFailed();
      return;
    case STATE.BACKUP:
      if (seen?.state === STATE.FAILED_OVER && !seen.problem) {
        // Automatic recovery: the healthy failed-over peer takes every user.
        if (!moveUsers(m, { from: n.id, to: p.id })) return bothFailed();
        n.homeServedBy = p.id;
        p.homeServedBy = p.id;
        m.setState(p, STATE.BACKUP_ACTIVATED, REASON.AUTO_RECOVER_DB);
        m.setState(n, STATE.FAILOVER_AFFECTED, problem === "db" ? REASON.AUTO_RECOVER_DB : REASON.AUTO_RECOVER_CSD);
      } else bothFailed();
      return;
    case STATE.FAILED_OVER:
      m.setState(n, STATE.FAILED_OVER_CSNR, reason);
      return;
    case STATE.BACKUP_ACTIVATED:
      bothFailed();
      return;
  }
}

export function onServicesBack(m: GroupMachine, n: NodeSim) {
  const p = m.peerOf(n)!;
  if (n.state === STATE.FAILED_OVER_CSNR && n.reason !== REASON.INITIALIZATION) {
    m.setState(n, STATE.FAILED_OVER, n.reason);
  } else if (n.state === STATE.FAILED_OVER_CSNR) {
    m.setState(n, STATE.FAILED_OVER, REASON.INITIALIZATION);
  } else if (n.state === STATE.FAILOVER_AFFECTED) {
    m.setState(n, STATE.FAILED_OVER, REASON.CRITICAL_SERVICES_DOWN);
    if (m.seen(n)?.state === STATE.BACKUP_ACTIVATED) {
      m.request(n, p, say("event.ask.endRecovery"), () => m.setState(p, STATE.BACKUP, REASON.CRITICAL_SERVICES_DOWN));
    }
  }
}
