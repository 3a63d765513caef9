import { GOOD_REPLICATION_STATE, replicationMeaning } from "../domain/replication.ts";
import { SERVICES } from "../domain/services.ts";
import { AUTOMATIC_FALLBACK_DELAY_SECONDS, type ClusterParameters } from "../params/definitions.ts";
import { labMs, type LabSettings } from "./lab-settings.ts";
import type { Heartbeat } from "./agent/heartbeat.ts";
import { decidePeerLoss, type PeerLoss, type PeerLossDecision } from "./peer-loss.ts";
import type { GroupSim, HaEventRecord, MoveUsers, NodeSim, Operation } from "./model.ts";
import { REASON, STATE, type HaAction, type NodeState, type Reason } from "./names.ts";

export const SRM_SERVICE = "Cisco Server Recovery Manager";
export const DB_SERVICE = "Cisco DB";

export interface MachineContext {
  now: number;
  params: ClusterParameters;
  lab: LabSettings;
  /** Who caused what happens now: an admin's name, or "SRM" for timers. */
  actor: string;
  /** The database refused the user move of a first attempt: this replay moves no users. */
  failMoves?: boolean;
}

/** Thrown when an input is not allowed in the current state; the group is unchanged. */
export class NotAllowed extends Error {}

export type Fault =
  | "power-off"
  | "power-on"
  | "reboot"
  | "isolate-network"
  | "restore-network"
  | "service-crash"
  | "database-failure"
  | "stop-srm"
  | "start-srm"
  | "service-start-failure"
  | "user-move-failure";

export type ServiceAction = "start" | "stop" | "restart";


const MONITORED: readonly NodeState[] = [STATE.NORMAL, STATE.BACKUP, STATE.FAILED_OVER, STATE.BACKUP_ACTIVATED];
const TRANSITIONAL: readonly NodeState[] = [STATE.FAILING_OVER, STATE.TAKING_OVER, STATE.TAKING_BACK, STATE.FALLING_BACK];

function criticalServices(params: ClusterParameters): string[] {
  return SERVICES.filter((s) => s.critical === "always" || (s.critical === "when-monitored" && params.monitorXcpAuthentication)).map(
    (s) => s.name,
  );
}

/**
 * The Server Recovery Manager of one Presence Redundancy Group, as a
 * deterministic state machine: inputs (admin actions, service changes, faults)
 * and the passing of time change the two nodes' states and reasons as the
 * product's Table 2 documents, and yield the user moves to persist.
 */
export class GroupMachine {
  readonly moves: MoveUsers[] = [];
  readonly events: HaEventRecord[] = [];

  /** Whether the two SRMs heard each other when this machine last looked: a change is a first heartbeat. */
  private pairHeard = false;

  constructor(
    readonly g: GroupSim,
    private ctx: MachineContext,
  ) {}

  // ---- facts about nodes -------------------------------------------------

  private node(id: number): NodeSim {
    const n = this.g.nodes.find((x) => x.id === id);
    if (!n) throw new NotAllowed(`Node ${id} is not in ${this.g.name}`);
    return n;
  }

  peerOf(n: NodeSim): NodeSim | null {
    return this.g.nodes.find((x) => x.id !== n.id) ?? null;
  }

  private srmRunning(n: NodeSim): boolean {
    return n.power === "ON" && n.services[SRM_SERVICE] === "STARTED";
  }

  /** Its SRM runs and can reach the database and its peer's network. */
  active(n: NodeSim): boolean {
    return this.srmRunning(n) && !n.isolated;
  }

  /** Whether `n` receives its peer's heartbeats. */
  private hears(n: NodeSim, peer: NodeSim): boolean {
    return this.active(n) && this.active(peer);
  }

  /** Whether the lab network carries heartbeats and requests between `n`'s SRM and its peer's now. */
  private linked(n: NodeSim): boolean {
    const p = this.peerOf(n);
    return !!p && this.hears(n, p);
  }

  /** The peer's SRM as `n`'s last heard it: what `n` decides from, never the peer itself. */
  private seen(n: NodeSim): Heartbeat | null {
    return n.peerView.heard;
  }

  /** What `n`'s SRM sends its peer in a heartbeat. */
  private heartbeatOf(n: NodeSim): Heartbeat {
    return { state: n.state, reason: n.reason, problem: this.problem(n), starting: n.initUntil !== null, awaitingSrmRestart: n.awaitingSrmRestart };
  }

  /**
   * Linked SRMs exchange a heartbeat on every interval and a state message on
   * every change, so each holds its peer's current state; a node that is not
   * linked keeps what it heard last.
   */
  private deliverHeartbeats() {
    for (const n of this.g.nodes) {
      const p = this.peerOf(n);
      if (p && this.hears(n, p)) n.peerView = { heard: this.heartbeatOf(p), shutdownNotice: false };
    }
  }

  /**
   * A request from `from`'s SRM to its peer's (enter a failed state with me,
   * start your SRM, take the users back): carried out by the peer when it
   * arrives, lost on a network that does not carry it.
   */
  private request(from: NodeSim, to: NodeSim, what: string, carryOut: () => void): boolean {
    if (!this.hears(from, to)) {
      this.note("warning", from.id, `${from.hostName} could not reach ${to.hostName} to ${what}`);
      return false;
    }
    carryOut();
    return true;
  }

  /** "db" when the database is down, "csd" when another critical service is, else null. */
  problem(n: NodeSim): "db" | "csd" | null {
    if (n.power !== "ON") return null;
    if (n.services[DB_SERVICE] !== "STARTED") return "db";
    return criticalServices(this.ctx.params).some((s) => n.services[s] !== "STARTED") ? "csd" : null;
  }

  private failedOver(n: NodeSim): boolean {
    return n.homeServedBy !== n.id;
  }

  // ---- recording ----------------------------------------------------------

  /** Why the SRM is making the change it makes now: written beside each state change in the history. */
  private cause = "";

  private because(why: string) {
    this.cause = why;
  }

  private setState(n: NodeSim, state: NodeState, reason: Reason) {
    if (n.state === state && n.reason === reason) return;
    this.events.push({
      at: this.ctx.now,
      groupId: this.g.id,
      nodeId: n.id,
      kind: "state",
      fromState: `${n.state}${n.reason ? ` / ${n.reason}` : ""}`,
      toState: `${state}${reason ? ` / ${reason}` : ""}`,
      reason,
      actor: this.ctx.actor,
      message: `${n.hostName}: ${state}${reason ? ` (${reason})` : ""}${this.cause ? ` — ${this.cause}` : ""}`,
    });
    n.state = state;
    n.reason = reason;
    n.stateSince = this.ctx.now;
    if (state !== STATE.INITIALIZING) {
      // Whatever ends an SRM's start ends its start timer too.
      n.initUntil = null;
      n.resumeState = null;
    }
    if (state !== STATE.FAILED_OVER) n.healthySince = null;
    else n.healthySince ??= this.ctx.now;
  }

  note(kind: HaEventRecord["kind"], nodeId: number | null, message: string) {
    this.events.push({
      at: this.ctx.now,
      groupId: this.g.id,
      nodeId,
      kind,
      fromState: null,
      toState: null,
      reason: null,
      actor: this.ctx.actor,
      message,
    });
  }

  private stepMs(): number {
    return labMs(this.ctx.lab.stepSeconds);
  }

  // ---- what an admin may do ---------------------------------------------

  /** The only source of which buttons the pages show and which actions the API accepts. */
  allowedActions(): { failover: number[]; fallback: number[]; recover: boolean } {
    const none = { failover: [], fallback: [], recover: false };
    if (!this.g.haEnabled || this.g.nodes.length < 2) return none;
    const [a, b] = this.g.nodes as [NodeSim, NodeSim];
    const bothActive = this.active(a) && this.active(b) && a.initUntil === null && b.initUntil === null;
    const failover: number[] = [];
    const fallback: number[] = [];
    if (!this.g.op && bothActive) {
      for (const [n, p] of [
        [a, b],
        [b, a],
      ] as const) {
        if (n.state === STATE.NORMAL && p.state === STATE.NORMAL) failover.push(n.id);
        if ((n.state === STATE.IDLE || n.state === STATE.FAILED_OVER) && (p.state === STATE.BACKUP || p.state === STATE.BACKUP_ACTIVATED) && this.failedOver(n)) {
          fallback.push(n.id);
        }
      }
    }
    // Recover restarts the SRM of every node it can reach; a node that cannot
    // be reached does not hold back the one failed beside it.
    const reachable = [a, b].filter((n) => n.power === "ON" && !n.isolated);
    const failedAll = reachable.length > 0 && reachable.every((n) => n.state === STATE.FAILED_MODE);
    const unknownBoth = a.state === STATE.UNKNOWN && b.state === STATE.UNKNOWN && reachable.length === 2;
    const recover = !this.g.op && (failedAll || unknownBoth);
    return { failover, fallback, recover };
  }

  adminAction(action: HaAction, nodeId?: number) {
    const allowed = this.allowedActions();
    this.because(`${action} requested`);
    if (action === "recover") {
      if (!allowed.recover) throw new NotAllowed(`Recover is allowed only when both nodes of ${this.g.name} are in a failed state`);
      this.note("action", null, `Recover requested: restarting Cisco Server Recovery Manager on both nodes`);
      this.g.op = null;
      for (const n of this.g.nodes) {
        if (n.power !== "ON" || n.isolated) continue;
        n.services[SRM_SERVICE] = "STARTED";
        n.awaitingSrmRestart = false;
        this.startSrm(n, { fresh: true });
      }
      return;
    }
    if (nodeId === undefined) throw new NotAllowed(`${action} needs a node`);
    const n = this.node(nodeId);
    const p = this.peerOf(n)!;
    if (action === "failover") {
      if (!allowed.failover.includes(nodeId)) {
        throw new NotAllowed(`Failover of ${n.hostName} is allowed only when both nodes are Normal (now ${n.state} / ${p?.state})`);
      }
      this.note("action", n.id, `Failover of ${n.hostName} to ${p.hostName} requested`);
      this.beginFailover(n, p, REASON.ADMIN);
    } else {
      if (!allowed.fallback.includes(nodeId)) {
        throw new NotAllowed(
          `Fallback of ${n.hostName} is allowed only when it is Idle or Failed Over and its peer runs in backup mode (now ${n.state} / ${p?.state})`,
        );
      }
      this.note("action", n.id, `Fallback of ${n.hostName} from ${p.hostName} requested`);
      this.beginFallback(n, p, REASON.ADMIN);
    }
  }

  // ---- enabling and disabling HA ----------------------------------------

  enableHa() {
    if (this.g.nodes.length < 2) throw new NotAllowed("High Availability needs two Presence Servers");
    const [a, b] = this.g.nodes as [NodeSim, NodeSim];
    this.g.haEnabled = true;
    this.g.op = null;
    for (const n of this.g.nodes) {
      n.homeServedBy = n.id;
      n.lastPeerHeartbeat = this.ctx.now;
      n.criticalDownSince = null;
      n.initUntil = null;
      n.resumeState = null;
    }
    this.note("action", null, `High Availability enabled`);
    for (const n of this.g.nodes) {
      if (n.replicationState !== GOOD_REPLICATION_STATE) {
        this.note(
          "warning",
          n.id,
          `Database replication on ${n.hostName} is ${n.replicationState} (${replicationMeaning(n.replicationState)}), not 2: High Availability without replication set up can fail over at once`,
        );
      }
    }
    if (!this.active(a) || !this.active(b)) {
      for (const n of this.g.nodes) {
        n.awaitingSrmRestart = true;
        this.setState(n, STATE.UNKNOWN, REASON.NONE);
      }
      return;
    }
    const pa = this.problem(a);
    const pb = this.problem(b);
    if (pa && pb) {
      this.setState(a, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN);
      this.setState(b, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN);
      return;
    }
    this.setState(a, STATE.NORMAL, REASON.NORMAL);
    this.setState(b, STATE.NORMAL, REASON.NORMAL);
    // Critical services already down: the documented immediate failover.
    if (pa) this.beginFailover(a, b, pa === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN);
    else if (pb) this.beginFailover(b, a, pb === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN);
  }

  disableHa() {
    if (this.g.op || this.g.nodes.some((n) => this.failedOver(n))) {
      throw new NotAllowed(`Fall back ${this.g.name} (both nodes serving their own users) before disabling High Availability`);
    }
    this.g.haEnabled = false;
    this.note("action", null, `High Availability disabled`);
    this.showHaOff();
  }

  /** What every node shows while HA is off (also nodes that left a group). */
  showHaOff() {
    for (const n of this.g.nodes) {
      n.criticalDownSince = null;
      n.initUntil = null;
      n.resumeState = null;
      n.awaitingSrmRestart = false;
      this.setState(n, STATE.UNKNOWN, REASON.HA_NOT_ENABLED);
    }
  }

  /**
   * The controller itself restarted: every running SRM restarts and resumes
   * from the persisted state, as the product's SRM does (the Initialization
   * rows of Table 2). Nodes waiting for an admin's SRM restart keep waiting.
   */
  resumeAfterRestart() {
    if (!this.g.haEnabled) return;
    this.note("state", null, "Server Recovery Manager controller restarted: resuming from the database");
    for (const n of this.g.nodes) {
      if (this.active(n) && !n.awaitingSrmRestart) this.startSrm(n);
    }
  }

  // ---- services and faults ----------------------------------------------

  serviceAction(nodeId: number, service: string, action: ServiceAction) {
    const n = this.node(nodeId);
    if (n.power !== "ON") throw new NotAllowed(`${n.hostName} is not running (power ${n.power.toLowerCase()})`);
    if (!(service in n.services)) throw new NotAllowed(`${service} is not a service of ${n.hostName}`);
    // Starting a running SRM would restart it: only Restart does that (row 8 needs a stop, then a start).
    if (action === "start" && service === SRM_SERVICE && n.services[service] === "STARTED") {
      throw new NotAllowed(`${SRM_SERVICE} is already running on ${n.hostName}`);
    }
    this.note("service", n.id, `${action} ${service} on ${n.hostName}`);
    if (action === "stop" || action === "restart") this.stopService(n, service);
    if (action === "start" || action === "restart") this.startService(n, service);
  }

  private stopService(n: NodeSim, service: string) {
    n.services[service] = "STOPPED";
  }

  private startService(n: NodeSim, service: string) {
    if (service === SRM_SERVICE) {
      n.services[SRM_SERVICE] = "STARTED";
      n.awaitingSrmRestart = false;
      this.startSrm(n);
      return;
    }
    const critical = criticalServices(this.ctx.params).includes(service) || service === DB_SERVICE;
    if (critical && n.startFailure) {
      this.note("warning", n.id, `${service} failed to start on ${n.hostName}`);
      return;
    }
    n.services[service] = "STARTED";
    // The SRM's own stop ends once the administrator has every critical service running again.
    const allRunning = criticalServices(this.ctx.params).every((s) => n.services[s] === "STARTED");
    if (critical && allRunning && n.state !== STATE.IDLE) n.servicesStoppedBySrm = false;
  }

  fault(nodeId: number, fault: Fault, service?: string) {
    const n = this.node(nodeId);
    const need = (ok: boolean, why: string) => {
      if (!ok) throw new NotAllowed(why);
    };
    switch (fault) {
      case "power-off":
        need(n.power !== "OFF", `${n.hostName} is already powered off`);
        this.note("fault", n.id, `${n.hostName} powered off`);
        this.powerOff(n);
        break;
      case "power-on":
        need(n.power === "OFF", `${n.hostName} is not powered off`);
        this.note("fault", n.id, `${n.hostName} powered on`);
        this.powerOn(n);
        break;
      case "reboot":
        need(n.power === "ON", `${n.hostName} is not running`);
        this.note("fault", n.id, `${n.hostName} rebooting`);
        this.powerOff(n);
        this.powerOn(n);
        break;
      case "isolate-network":
        need(!n.isolated, `${n.hostName} is already isolated`);
        this.note("fault", n.id, `${n.hostName} lost its network connection`);
        n.isolated = true;
        break;
      case "restore-network":
        need(n.isolated, `${n.hostName} is not isolated`);
        this.note("fault", n.id, `${n.hostName} network connection restored`);
        n.isolated = false;
        // It heard nothing while cut off: its Keep Alive Timeout counts from now, as after a start.
        n.lastPeerHeartbeat = this.ctx.now;
        break;
      case "service-crash": {
        const name = service ?? "Cisco Presence Engine";
        need(n.power === "ON", `${n.hostName} is not running`);
        need(name in n.services, `${name} is not a service of ${n.hostName}`);
        need(n.services[name] === "STARTED", `${name} is not running on ${n.hostName}`);
        this.note("fault", n.id, `${name} crashed on ${n.hostName}`);
        this.stopService(n, name);
        break;
      }
      case "database-failure":
        need(n.power === "ON" && n.services[DB_SERVICE] === "STARTED", `${DB_SERVICE} is not running on ${n.hostName}`);
        this.note("fault", n.id, `${DB_SERVICE} failed on ${n.hostName}`);
        this.stopService(n, DB_SERVICE);
        break;
      case "stop-srm":
        need(this.srmRunning(n), `${SRM_SERVICE} is not running on ${n.hostName}`);
        this.note("fault", n.id, `${SRM_SERVICE} stopped on ${n.hostName}`);
        this.stopService(n, SRM_SERVICE);
        break;
      case "start-srm":
        need(n.power === "ON", `${n.hostName} is not running (power ${n.power.toLowerCase()})`);
        need(!this.srmRunning(n), `${SRM_SERVICE} is already running on ${n.hostName}`);
        this.note("fault", n.id, `${SRM_SERVICE} started on ${n.hostName}`);
        this.startService(n, SRM_SERVICE);
        break;
      case "service-start-failure":
        need(!n.startFailure, `critical services on ${n.hostName} already fail to start`);
        this.note("fault", n.id, `critical services on ${n.hostName} will fail to start until it reboots`);
        n.startFailure = true;
        break;
      case "user-move-failure":
        need(!n.moveFailure, `the next user move on ${n.hostName} already fails`);
        this.note("fault", n.id, `the next move of users off or onto ${n.hostName} will fail (database error)`);
        n.moveFailure = true;
        break;
    }
  }

  private powerOff(n: NodeSim) {
    // The SRM's last message as its node shuts down: the peer will know the silence that follows is a reboot.
    const p = this.peerOf(n);
    if (p && this.hears(n, p)) p.peerView = { ...p.peerView, shutdownNotice: true };
    n.power = "OFF";
    n.bootUntil = null;
    n.initUntil = null;
    n.criticalDownSince = null;
    for (const s of Object.keys(n.services)) n.services[s] = "STOPPED";
  }

  private powerOn(n: NodeSim) {
    n.power = "BOOTING";
    n.bootUntil = this.ctx.now + labMs(this.ctx.lab.bootSeconds);
  }

  private finishBoot(n: NodeSim) {
    n.power = "ON";
    n.bootUntil = null;
    n.startFailure = false;
    n.moveFailure = false;
    const critical = new Set([...criticalServices(this.ctx.params), DB_SERVICE]);
    for (const s of Object.keys(n.services)) {
      // The SRM keeps the critical services of a manually failed-over node stopped across a reboot.
      n.services[s] = n.servicesStoppedBySrm && critical.has(s) && s !== DB_SERVICE ? "STOPPED" : "STARTED";
    }
    this.note("state", n.id, `${n.hostName} booted`);
    n.awaitingSrmRestart = false;
    this.startSrm(n);
  }

  /**
   * The SRM (re)starts: Initializing, then it resumes from what it finds. A
   * fresh start (Recover) forgets the failed state it was in.
   */
  private startSrm(n: NodeSim, { fresh = false } = {}) {
    if (!this.g.haEnabled) return;
    n.resumeState = fresh ? null : n.state === STATE.INITIALIZING ? n.resumeState : n.state;
    n.initUntil = this.ctx.now + labMs(this.ctx.lab.srmStartSeconds);
    n.lastPeerHeartbeat = this.ctx.now;
    n.criticalDownSince = null;
    this.because(fresh ? "Recover restarts the SRM" : "SRM starting");
    this.setState(n, STATE.INITIALIZING, REASON.INITIALIZATION);
  }

  /** Both nodes enter a failed state; Recover restarts both SRMs, which then agree. */
  private disagree(a: NodeSim, b: NodeSim) {
    this.because(`${a.hostName} and ${b.hostName} disagree on who serves the users`);
    for (const n of [a, b]) {
      n.initUntil = null;
      n.resumeState = null;
    }
    this.setState(a, STATE.FAILED_MODE, REASON.UNKNOWN);
    this.setState(b, STATE.FAILED_MODE, REASON.UNKNOWN);
  }

  // ---- operations ---------------------------------------------------------

  private beginFailover(n: NodeSim, p: NodeSim, reason: Reason) {
    this.g.op = { kind: "failover", from: n.id, to: p.id, reason, step: 1, stepEndsAt: this.ctx.now + this.stepMs() };
    n.criticalDownSince = null;
    p.criticalDownSince = null;
    this.setState(n, STATE.FAILING_OVER, reason);
    this.setState(p, STATE.TAKING_OVER, reason);
  }

  private beginFallback(n: NodeSim, p: NodeSim, reason: Reason) {
    this.g.op = { kind: "fallback", from: n.id, to: p.id, reason, step: 1, stepEndsAt: this.ctx.now + this.stepMs() };
    this.setState(n, STATE.TAKING_BACK, reason);
    this.setState(p, STATE.FALLING_BACK, reason);
  }

  private beginTakeover(lost: NodeSim, taker: NodeSim, reason: Reason) {
    this.g.op = { kind: "takeover", from: lost.id, to: taker.id, reason, step: 1, stepEndsAt: this.ctx.now + this.stepMs() };
    taker.criticalDownSince = null;
    this.note("state", taker.id, `${taker.hostName} lost the heartbeat of ${lost.hostName} (${reason}): taking over the users it holds`);
    this.setState(taker, STATE.TAKING_OVER, reason);
  }

  /** A user move fails when a node involved carries the injected database error. */
  private moveUsers(move: MoveUsers): boolean {
    if (this.ctx.failMoves) {
      this.note("warning", move.to, "moving users failed: the database refused the update");
      return false;
    }
    const involved = [this.node(move.from), this.node(move.to)];
    const failing = involved.find((x) => x.moveFailure);
    if (failing) {
      failing.moveFailure = false;
      this.note("warning", failing.id, `moving users failed: database error on ${failing.hostName}`);
      return false;
    }
    this.moves.push(move);
    return true;
  }

  /** The reason a node ends an operation with: Initialization survives an SRM restart. */
  private endReason(n: NodeSim, reason: Reason): Reason {
    return n.reason === REASON.INITIALIZATION ? REASON.INITIALIZATION : reason;
  }

  private stepOperation(op: Operation) {
    const from = this.node(op.from);
    const to = this.node(op.to);
    this.because(`${op.kind} step ${op.step} of ${from.hostName}'s users`);
    const next = () => {
      op.step += 1;
      op.stepEndsAt = this.ctx.now + this.stepMs();
    };
    if (op.kind === "failover") {
      if (op.step === 1) {
        if (op.reason === REASON.ADMIN) {
          for (const s of criticalServices(this.ctx.params)) from.services[s] = "STOPPED";
          from.servicesStoppedBySrm = true;
          this.note("service", from.id, `critical services stopped on ${from.hostName}`);
        }
        return next();
      }
      this.g.op = null;
      if (!this.moveUsers({ from: from.id, to: to.id })) {
        this.setState(from, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
        this.setState(to, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
        return;
      }
      from.homeServedBy = to.id;
      const fromState = op.reason === REASON.ADMIN ? STATE.IDLE : this.problem(from) ? STATE.FAILED_OVER_CSNR : STATE.FAILED_OVER;
      this.setState(from, fromState, this.endReason(from, op.reason));
      this.setState(to, STATE.BACKUP, this.endReason(to, op.reason));
      return;
    }
    if (op.kind === "fallback") {
      if (op.step === 1) {
        if (from.startFailure) {
          this.g.op = null;
          this.note("warning", from.id, `critical services failed to start on ${from.hostName}`);
          this.setState(from, STATE.FAILED_MODE, REASON.START_FAILED);
          this.setState(to, STATE.FAILED_MODE, REASON.START_FAILED);
          return;
        }
        for (const s of [...criticalServices(this.ctx.params), DB_SERVICE]) from.services[s] = "STARTED";
        from.servicesStoppedBySrm = false;
        this.note("service", from.id, `critical services started on ${from.hostName}`);
        return next();
      }
      this.g.op = null;
      if (!this.moveUsers({ from: to.id, to: from.id, assignedTo: from.id })) {
        this.setState(from, STATE.FAILED_MODE, REASON.TAKE_BACK_FAILED);
        this.setState(to, STATE.FAILED_MODE, REASON.TAKE_BACK_FAILED);
        return;
      }
      from.homeServedBy = from.id;
      this.setState(from, STATE.NORMAL, REASON.NORMAL);
      this.setState(to, STATE.NORMAL, REASON.NORMAL);
      return;
    }
    // takeover: the lost node cannot take part; only the taker changes.
    this.g.op = null;
    if (to.servicesStoppedBySrm) {
      // An idle node taking its users back from a lost backup starts the services its SRM stopped.
      for (const s of criticalServices(this.ctx.params)) to.services[s] = "STARTED";
      to.servicesStoppedBySrm = false;
      this.note("service", to.id, `critical services started on ${to.hostName}`);
    }
    if (!this.moveUsers({ from: from.id, to: to.id })) {
      this.setState(to, STATE.FAILED_MODE, REASON.TAKE_OVER_FAILED);
      return;
    }
    from.homeServedBy = to.id;
    to.homeServedBy = to.id;
    this.setState(to, STATE.BACKUP, op.reason);
    // The lost node came back while its users were being taken: it still
    // believes it serves them, so the pair cannot agree (see enforceAgreement).
    if (this.active(from) && from.state === STATE.NORMAL) this.disagree(from, to);
  }

  // ---- the SRM's own checks ----------------------------------------------

  private resolveInitialization(n: NodeSim) {
    const p = this.peerOf(n)!;
    const resume = n.resumeState;
    n.initUntil = null;
    n.resumeState = null;
    n.lastPeerHeartbeat = this.ctx.now;
    this.because(`SRM started and heard ${p.hostName}`);
    const seen = this.seen(n);
    if (seen?.awaitingSrmRestart) {
      this.because(`SRM started, but ${p.hostName}'s SRM was not restarted since High Availability was enabled`);
      this.setState(n, STATE.UNKNOWN, REASON.NONE);
      return;
    }
    if (this.linked(n) && seen?.state === STATE.UNKNOWN && seen.reason === REASON.NONE) {
      this.request(n, p, "start its SRM", () => this.startSrm(p));
    }
    if (this.linked(n) && seen?.state === STATE.FAILED_MODE) {
      // Documented: an SRM that restarts and finds its peer's SRM failed fails too.
      this.because(`SRM started and found ${p.hostName}'s SRM failed`);
      this.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
      this.request(n, p, "enter a failed state with it", () => this.setState(p, STATE.FAILED_MODE, REASON.UNKNOWN));
      return;
    }
    if (resume === STATE.FAILED_MODE) {
      this.because("SRM restarted in a failed state");
      this.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
      return;
    }
    const op = this.g.op;
    if (op && (op.from === n.id || op.to === n.id) && resume && TRANSITIONAL.includes(resume)) {
      this.because(`SRM restarted during the ${op.kind}: resuming it`);
      this.setState(n, resume, REASON.INITIALIZATION);
      op.stepEndsAt = Math.max(op.stepEndsAt, this.ctx.now);
      return;
    }
    if (this.failedOver(n)) {
      const running = !this.problem(n);
      const state = n.servicesStoppedBySrm ? STATE.IDLE : running ? STATE.FAILED_OVER : STATE.FAILED_OVER_CSNR;
      this.because(`SRM started: its users are served by ${p.hostName}`);
      this.setState(n, state, REASON.INITIALIZATION);
      return;
    }
    if (p.homeServedBy === n.id && p.id !== n.id) {
      this.because(`SRM started: it serves ${p.hostName}'s users`);
      this.setState(n, resume === STATE.BACKUP_ACTIVATED ? STATE.BACKUP_ACTIVATED : STATE.BACKUP, REASON.INITIALIZATION);
      return;
    }
    if (n.servicesStoppedBySrm) {
      n.servicesStoppedBySrm = false;
      for (const s of criticalServices(this.ctx.params)) this.startService(n, s);
    }
    this.setState(n, STATE.NORMAL, REASON.NORMAL);
  }

  // ---- heartbeat loss (rows 16–18, and where Table 2 is silent) --------

  /** Whether `n` can serve every user: its services run, or its SRM stopped them and can start them again. */
  private canTakeUsers(n: NodeSim): boolean {
    if (n.services[DB_SERVICE] !== "STARTED" || n.startFailure) return false;
    return !this.problem(n) || n.servicesStoppedBySrm;
  }

  /** When `n`, hearing nothing from its peer, acts on the silence, and what it does (lib/ha/peer-loss.ts). */
  private peerLoss(n: NodeSim): PeerLoss | null {
    const p = this.peerOf(n);
    if (!p || !this.active(n) || this.hears(n, p)) return null;
    return decidePeerLoss({ node: n, peer: p, op: this.g.op, now: this.ctx.now, params: this.ctx.params, canTakeUsers: this.canTakeUsers(n) });
  }

  private onPeerLoss(n: NodeSim, d: PeerLossDecision) {
    const p = this.peerOf(n)!;
    const op = this.g.op;
    if (op) {
      this.g.op = null;
      this.note("warning", n.id, `${n.hostName} gave up the ${op.kind}: ${d.why}`);
    }
    n.initUntil = null;
    n.resumeState = null;
    this.because(d.why);
    switch (d.kind) {
      case "takeover":
        return this.beginTakeover(p, n, d.reason);
      case "backup":
        return this.setState(n, n.state === STATE.BACKUP_ACTIVATED ? n.state : STATE.BACKUP, d.reason);
      case "failed":
        return this.setState(n, STATE.FAILED_MODE, REASON.UNKNOWN);
      case "resolve":
        return this.setState(n, n.servicesStoppedBySrm ? STATE.IDLE : this.failedOver(n) ? STATE.FAILED_OVER_CSNR : STATE.NORMAL, this.failedOver(n) ? REASON.INITIALIZATION : REASON.NORMAL);
    }
  }

  private onCriticalTimeout(n: NodeSim, problem: "db" | "csd") {
    const p = this.peerOf(n)!;
    n.criticalDownSince = null;
    const reason = problem === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN;
    const down = [...criticalServices(this.ctx.params), DB_SERVICE].filter((s) => n.services[s] !== "STARTED");
    this.because(`${down.join(", ")} down on ${n.hostName} longer than the Critical Service Down Delay (${this.ctx.params.criticalServiceDownDelay} s)`);
    const seen = this.linked(n) ? this.seen(n) : null;
    const bothFailed = () => {
      this.setState(n, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN);
      if (seen) this.request(n, p, "enter a failed state with it", () => this.setState(p, STATE.FAILED_MODE, REASON.CRITICAL_SERVICES_DOWN));
    };
    switch (n.state) {
      case STATE.NORMAL:
        if (seen?.state === STATE.NORMAL && !seen.problem) this.beginFailover(n, p, reason);
        else bothFailed();
        return;
      case STATE.BACKUP:
        if (seen?.state === STATE.FAILED_OVER && !seen.problem) {
          // Automatic recovery: the healthy failed-over peer takes every user.
          if (!this.moveUsers({ from: n.id, to: p.id })) return bothFailed();
          n.homeServedBy = p.id;
          p.homeServedBy = p.id;
          this.setState(p, STATE.BACKUP_ACTIVATED, REASON.AUTO_RECOVER_DB);
          this.setState(n, STATE.FAILOVER_AFFECTED, problem === "db" ? REASON.AUTO_RECOVER_DB : REASON.AUTO_RECOVER_CSD);
        } else bothFailed();
        return;
      case STATE.FAILED_OVER:
        this.setState(n, STATE.FAILED_OVER_CSNR, reason);
        return;
      case STATE.BACKUP_ACTIVATED:
        bothFailed();
        return;
    }
  }

  private onServicesBack(n: NodeSim) {
    const p = this.peerOf(n)!;
    if (n.state === STATE.FAILED_OVER_CSNR && n.reason !== REASON.INITIALIZATION) {
      this.setState(n, STATE.FAILED_OVER, n.reason);
    } else if (n.state === STATE.FAILED_OVER_CSNR) {
      this.setState(n, STATE.FAILED_OVER, REASON.INITIALIZATION);
    } else if (n.state === STATE.FAILOVER_AFFECTED) {
      this.setState(n, STATE.FAILED_OVER, REASON.CRITICAL_SERVICES_DOWN);
      if (this.seen(n)?.state === STATE.BACKUP_ACTIVATED) {
        this.request(n, p, "end the automatic recovery", () => this.setState(p, STATE.BACKUP, REASON.CRITICAL_SERVICES_DOWN));
      }
    }
  }

  /** The deadlines of the running timers, for countdowns and for scheduling. */
  timers(): { nodeId: number | null; kind: string; at: number }[] {
    const t: { nodeId: number | null; kind: string; at: number }[] = [];
    const { params } = this.ctx;
    for (const n of this.g.nodes) {
      if (n.bootUntil !== null) t.push({ nodeId: n.id, kind: "boot", at: n.bootUntil });
      if (!this.g.haEnabled || !this.active(n)) continue;
      if (n.initUntil !== null) t.push({ nodeId: n.id, kind: "srm-start", at: n.initUntil });
      const loss = this.peerLoss(n);
      if (loss) t.push({ nodeId: n.id, kind: "heartbeat-timeout", at: loss.at });
      if (n.criticalDownSince !== null) {
        t.push({ nodeId: n.id, kind: "critical-service-down", at: n.criticalDownSince + params.criticalServiceDownDelay * 1000 + 1 });
      }
      if (params.enableAutomaticFallback && n.state === STATE.FAILED_OVER && n.healthySince !== null && !this.g.op) {
        t.push({ nodeId: n.id, kind: "automatic-fallback", at: n.healthySince + AUTOMATIC_FALLBACK_DELAY_SECONDS * 1000 });
      }
    }
    const op = this.g.op;
    if (op && this.operationCanStep(op)) t.push({ nodeId: null, kind: `${op.kind}-step-${op.step}`, at: op.stepEndsAt });
    return t;
  }

  /**
   * An operation steps only while the nodes it needs can act: a participant
   * whose SRM restarts (rows 8–9) or that went silent pauses it, until it is
   * back or its peer gives up on it (peerLoss). A take-over needs only the taker.
   */
  private operationCanStep(op: Operation): boolean {
    const needed = op.kind === "takeover" ? [this.node(op.to)] : [this.node(op.from), this.node(op.to)];
    return needed.every((n) => this.active(n) && n.initUntil === null);
  }

  /** The next moment something may happen; timers already due wait on a condition instead. */
  nextDeadline(): number | null {
    const future = this.timers()
      .map((t) => t.at)
      .filter((at) => at > this.ctx.now);
    return future.length ? Math.min(...future) : null;
  }

  /** Heartbeats the nodes heard up to now, on the Keep Alive Interval grid. */
  private refreshHeartbeats() {
    const interval = this.ctx.params.keepAliveInterval * 1000;
    for (const n of this.g.nodes) {
      const p = this.peerOf(n);
      if (p && this.hears(n, p)) {
        n.lastPeerHeartbeat = Math.max(n.lastPeerHeartbeat, Math.floor(this.ctx.now / interval) * interval);
      }
    }
  }

  /**
   * Everything due at `now`: boots, SRM starts, heartbeat timeouts, critical
   * service timers, automatic fallback, operation steps. Runs until nothing
   * more is due, so zero-length steps complete at once.
   */
  advance() {
    for (let guard = 0; guard < 100; guard++) {
      if (!this.advanceOnce()) return;
    }
    throw new Error(`the HA machine of ${this.g.name} did not settle`);
  }

  /** Call before applying an input, so heartbeats heard until now count. */
  observe() {
    if (!this.g.haEnabled) return;
    this.refreshHeartbeats();
    this.deliverHeartbeats();
    this.pairHeard = this.pairHears();
  }

  private pairHears(): boolean {
    const [a, b] = this.g.nodes;
    return !!a && !!b && this.hears(a, b);
  }

  /**
   * SRMs that start hearing each other (a start, a boot, a network back)
   * exchange a first heartbeat at once; heartbeats on the interval grid before
   * that moment were never sent, so none is credited for them.
   */
  private greetOnContact() {
    const heard = this.pairHears();
    if (heard && !this.pairHeard) for (const n of this.g.nodes) n.lastPeerHeartbeat = this.ctx.now;
    this.pairHeard = heard;
    this.deliverHeartbeats();
  }

  /**
   * Two SRMs that hear each other must agree: a node in Normal serves its own
   * users, and a node does not stay failed alone while its peer runs on (the
   * documented cause of row 21: an SRM whose peer's SRM has failed).
   */
  private enforceAgreement(): boolean {
    if (this.g.op) return false;
    const [a, b] = this.g.nodes as [NodeSim, NodeSim];
    if (!this.hears(a, b) || a.initUntil !== null || b.initUntil !== null) return false;
    if (this.agree(a, b)) return false;
    this.note("warning", null, `${a.hostName} (${a.state}) and ${b.hostName} (${b.state}) disagree on who serves the users`);
    this.disagree(a, b);
    return true;
  }

  /** States two SRMs that hear each other may hold together, given who serves whose users. */
  private agree(a: NodeSim, b: NodeSim): boolean {
    if (a.state === STATE.UNKNOWN || b.state === STATE.UNKNOWN) return true;
    if (a.state === STATE.FAILED_MODE || b.state === STATE.FAILED_MODE) return a.state === b.state;
    if (a.state === STATE.NORMAL || b.state === STATE.NORMAL) return a.state === b.state && !this.failedOver(a) && !this.failedOver(b);
    const away: readonly NodeState[] = [STATE.IDLE, STATE.FAILED_OVER, STATE.FAILED_OVER_CSNR, STATE.FAILOVER_AFFECTED];
    const holding: readonly NodeState[] = [STATE.BACKUP, STATE.BACKUP_ACTIVATED];
    const fits = (x: NodeSim, y: NodeSim) => away.includes(x.state) && this.failedOver(x) && holding.includes(y.state) && !this.failedOver(y);
    return fits(a, b) || fits(b, a);
  }

  private advanceOnce(): boolean {
    const now = this.ctx.now;
    this.cause = "";
    for (const n of this.g.nodes) {
      if (n.bootUntil !== null && n.bootUntil <= now) {
        this.finishBoot(n);
        return true;
      }
    }
    if (!this.g.haEnabled || this.g.nodes.length < 2) return false;
    this.greetOnContact();
    if (this.enforceAgreement()) return true;
    const { params } = this.ctx;
    for (const n of this.g.nodes) {
      if (!this.active(n)) continue;
      const p = this.peerOf(n)!;
      const heard = this.hears(n, p);
      const started = n.state === STATE.INITIALIZING && n.initUntil !== null && n.initUntil <= now;
      const beingTakenOver = this.g.op?.kind === "takeover" && this.g.op.from === n.id;
      const takingOver = this.g.op?.kind === "takeover" && this.g.op.to === n.id;
      // The start completes once the peer is heard (after a take-over of this
      // node has moved its users), or after the Initialization timeout; a
      // take-over this node was making resumes without its silent peer.
      if (started && ((heard && !beingTakenOver) || takingOver)) {
        this.resolveInitialization(n);
        return true;
      }
      const loss = this.peerLoss(n);
      if (loss && now >= loss.at) {
        this.onPeerLoss(n, loss.decision);
        return true;
      }
      if (n.initUntil !== null) continue;
      const problem = this.problem(n);
      if (problem && MONITORED.includes(n.state)) {
        if (n.criticalDownSince === null) {
          n.criticalDownSince = now;
          return true;
        }
        if (now > n.criticalDownSince + params.criticalServiceDownDelay * 1000) {
          this.onCriticalTimeout(n, problem);
          return true;
        }
      } else if (n.criticalDownSince !== null) {
        n.criticalDownSince = null;
        return true;
      }
      if (!problem && (n.state === STATE.FAILED_OVER_CSNR || n.state === STATE.FAILOVER_AFFECTED) && !this.g.op) {
        this.onServicesBack(n);
        return true;
      }
      if (
        params.enableAutomaticFallback &&
        n.state === STATE.FAILED_OVER &&
        n.healthySince !== null &&
        now >= n.healthySince + AUTOMATIC_FALLBACK_DELAY_SECONDS * 1000 &&
        !this.g.op &&
        heard &&
        this.seen(n)?.state === STATE.BACKUP
      ) {
        this.note("action", n.id, `Automatic fallback of ${n.hostName}`);
        this.beginFallback(n, p, REASON.AUTO_FALLBACK);
        return true;
      }
    }
    const op = this.g.op;
    if (op && op.stepEndsAt <= now) {
      if (this.operationCanStep(op)) {
        this.stepOperation(op);
        return true;
      }
    }
    return false;
  }
}
