import { GOOD_REPLICATION_STATE } from "../domain/replication.ts";
import { criticalServices, DB_SERVICE, SRM_SERVICE } from "../domain/services.ts";
import { AUTOMATIC_FALLBACK_DELAY_SECONDS, type ClusterParameters } from "../params/definitions.ts";
import type { MessageRef } from "../http/errors.ts";
import { english } from "../http/rule-messages.ts";
import { eventColumns } from "./event-english.ts";
import { say, type EventText } from "./event-text.ts";
import { OPERATION_WORD, replicationTerm, SERVICE_ACTION_WORD, stateChangeText } from "./history-text.ts";
import { labMs, type LabSettings } from "./lab-settings.ts";
import type { Heartbeat } from "./agent/heartbeat.ts";
import type { GroupSim, HaEventRecord, MoveUsers, NodeSim } from "./model.ts";
import { REASON, STATE, type HaAction, type NodeState, type Reason } from "./names.ts";
import { enforceAgreement } from "./transitions/agreement.ts";
import { onCriticalTimeout, onServicesBack } from "./transitions/critical-services.ts";
import { onPeerLoss, peerLoss } from "./transitions/heartbeat-loss.ts";
import { resolveInitialization, startSrm } from "./transitions/initialization.ts";
import { beginFailover, beginFallback, operationCanStep, stepOperation } from "./transitions/operations.ts";

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
export class NotAllowed extends Error {
  /** The catalogue message the refusal is answered with in other languages, when it has one. */
  readonly ref?: MessageRef;

  /** A refusal worded by the errors catalogue, its English the catalogue's. */
  static keyed(ref: MessageRef): NotAllowed {
    return Object.assign(new NotAllowed(english(ref)), { ref });
  }
}

const stateRef = (state: string | undefined) => ({ key: `ha.state.${state}` });

/** A node that is off or still booting cannot run services. */
const notPoweredOn = (n: NodeSim): MessageRef => ({ key: "lab.notPoweredOn", values: { host: n.hostName, power: { key: `lab.power.${n.power}` } } });

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
  pairHeard = false;

  constructor(
    readonly g: GroupSim,
    readonly ctx: MachineContext,
  ) {}

  // ---- facts about nodes -------------------------------------------------

  node(id: number): NodeSim {
    const n = this.g.nodes.find((x) => x.id === id);
    if (!n) throw NotAllowed.keyed({ key: "lab.nodeNotInGroup", values: { id: String(id), group: this.g.name } });
    return n;
  }

  peerOf(n: NodeSim): NodeSim | null {
    return this.g.nodes.find((x) => x.id !== n.id) ?? null;
  }

  srmRunning(n: NodeSim): boolean {
    return n.power === "ON" && n.services[SRM_SERVICE] === "STARTED";
  }

  /** Its SRM runs and can reach the database and its peer's network. */
  active(n: NodeSim): boolean {
    return this.srmRunning(n) && !n.isolated;
  }

  /** Whether `n` receives its peer's heartbeats. */
  hears(n: NodeSim, peer: NodeSim): boolean {
    return this.active(n) && this.active(peer);
  }

  /** Whether the lab network carries heartbeats and requests between `n`'s SRM and its peer's now. */
  linked(n: NodeSim): boolean {
    const p = this.peerOf(n);
    return !!p && this.hears(n, p);
  }

  /** The peer's SRM as `n`'s last heard it: what `n` decides from, never the peer itself. */
  seen(n: NodeSim): Heartbeat | null {
    return n.peerView.heard;
  }

  /** What `n`'s SRM sends its peer in a heartbeat. */
  heartbeatOf(n: NodeSim): Heartbeat {
    return { state: n.state, reason: n.reason, problem: this.problem(n), starting: n.initUntil !== null, awaitingSrmRestart: n.awaitingSrmRestart };
  }

  /**
   * Linked SRMs exchange a heartbeat on every interval and a state message on
   * every change, so each holds its peer's current state; a node that is not
   * linked keeps what it heard last.
   */
  deliverHeartbeats() {
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
  request(from: NodeSim, to: NodeSim, what: EventText, carryOut: () => void): boolean {
    if (!this.hears(from, to)) {
      this.note("warning", from.id, say("event.unreachable", { from: from.hostName, to: to.hostName, what }));
      return false;
    }
    carryOut();
    return true;
  }

  /** "db" when the database is down, "csd" when another critical service is, else null. */
  problem(n: NodeSim): "db" | "csd" | null {
    if (n.power !== "ON") return null;
    if (n.services[DB_SERVICE] !== "STARTED") return "db";
    return criticalServices(this.ctx.params.monitorXcpAuthentication).some((s) => n.services[s] !== "STARTED") ? "csd" : null;
  }

  failedOver(n: NodeSim): boolean {
    return n.homeServedBy !== n.id;
  }

  // ---- recording ----------------------------------------------------------

  /** Why the SRM is making the change it makes now: written beside each state change in the history. */
  cause: EventText | null = null;

  because(why: EventText) {
    this.cause = why;
  }

  setState(n: NodeSim, state: NodeState, reason: Reason) {
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
      ...eventColumns(stateChangeText(n.hostName, state, reason, this.cause)),
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

  note(kind: HaEventRecord["kind"], nodeId: number | null, text: EventText) {
    this.events.push({
      at: this.ctx.now,
      groupId: this.g.id,
      nodeId,
      kind,
      fromState: null,
      toState: null,
      reason: null,
      actor: this.ctx.actor,
      ...eventColumns(text),
    });
  }

  stepMs(): number {
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
    this.because(say("event.because.requested", { action: say(OPERATION_WORD[action]) }));
    if (action === "recover") {
      if (!allowed.recover) throw NotAllowed.keyed({ key: "haAction.recoverOnlyFailed", values: { group: this.g.name } });
      this.note("action", null, say("event.recoverRequested"));
      this.g.op = null;
      for (const n of this.g.nodes) {
        if (n.power !== "ON" || n.isolated) continue;
        n.services[SRM_SERVICE] = "STARTED";
        n.awaitingSrmRestart = false;
        startSrm(this, n, { fresh: true });
      }
      return;
    }
    if (nodeId === undefined) throw NotAllowed.keyed({ key: "lab.needsNode", values: { action } });
    const n = this.node(nodeId);
    const p = this.peerOf(n)!;
    if (action === "failover") {
      if (!allowed.failover.includes(nodeId)) {
        const values = { host: n.hostName, normal: stateRef(STATE.NORMAL), state: stateRef(n.state), peerState: stateRef(p?.state) };
        throw NotAllowed.keyed({ key: "haAction.failoverOnlyNormal", values });
      }
      this.note("action", n.id, say("event.failoverRequested", { host: n.hostName, peer: p.hostName }));
      beginFailover(this, n, p, REASON.ADMIN);
    } else {
      if (!allowed.fallback.includes(nodeId)) {
        const values = {
          host: n.hostName,
          idle: stateRef(STATE.IDLE),
          failedOver: stateRef(STATE.FAILED_OVER),
          state: stateRef(n.state),
          peerState: stateRef(p?.state),
        };
        throw NotAllowed.keyed({ key: "haAction.fallbackOnly", values });
      }
      this.note("action", n.id, say("event.fallbackRequested", { host: n.hostName, peer: p.hostName }));
      beginFallback(this, n, p, REASON.ADMIN);
    }
  }

  // ---- enabling and disabling HA ----------------------------------------

  enableHa() {
    if (this.g.nodes.length < 2) throw NotAllowed.keyed({ key: "field.haNeedsTwoServers" });
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
    this.note("action", null, say("event.haEnabled"));
    for (const n of this.g.nodes) {
      if (n.replicationState !== GOOD_REPLICATION_STATE) {
        this.note(
          "warning",
          n.id,
          say("event.replicationNotSetUp", { host: n.hostName, replication: String(n.replicationState), meaning: replicationTerm(n.replicationState) }),
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
    if (pa) beginFailover(this, a, b, pa === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN);
    else if (pb) beginFailover(this, b, a, pb === "db" ? REASON.DATABASE_FAILURE : REASON.CRITICAL_SERVICES_DOWN);
  }

  disableHa() {
    if (this.g.op || this.g.nodes.some((n) => this.failedOver(n))) {
      throw NotAllowed.keyed({ key: "haAction.fallBackFirst", values: { group: this.g.name } });
    }
    this.g.haEnabled = false;
    this.note("action", null, say("event.haDisabled"));
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
    this.note("state", null, say("event.controllerRestarted"));
    for (const n of this.g.nodes) {
      if (this.active(n) && !n.awaitingSrmRestart) startSrm(this, n);
    }
  }

  // ---- services and faults ----------------------------------------------

  serviceAction(nodeId: number, service: string, action: ServiceAction) {
    const n = this.node(nodeId);
    if (n.power !== "ON") throw NotAllowed.keyed(notPoweredOn(n));
    if (!(service in n.services)) throw NotAllowed.keyed({ key: "lab.notAService", values: { service, host: n.hostName } });
    // Starting a running SRM would restart it: only Restart does that (row 8 needs a stop, then a start).
    if (action === "start" && service === SRM_SERVICE && n.services[service] === "STARTED") {
      throw NotAllowed.keyed({ key: "lab.alreadyRunning", values: { service: SRM_SERVICE, host: n.hostName } });
    }
    this.note("service", n.id, say("event.serviceAction", { action: say(SERVICE_ACTION_WORD[action]), service, host: n.hostName }));
    if (action === "stop" || action === "restart") this.stopService(n, service);
    if (action === "start" || action === "restart") this.startService(n, service);
  }

  stopService(n: NodeSim, service: string) {
    n.services[service] = "STOPPED";
  }

  startService(n: NodeSim, service: string) {
    if (service === SRM_SERVICE) {
      n.services[SRM_SERVICE] = "STARTED";
      n.awaitingSrmRestart = false;
      startSrm(this, n);
      return;
    }
    const critical = criticalServices(this.ctx.params.monitorXcpAuthentication).includes(service) || service === DB_SERVICE;
    if (critical && n.startFailure) {
      this.note("warning", n.id, say("event.serviceStartFailed", { service, host: n.hostName }));
      return;
    }
    n.services[service] = "STARTED";
    // The SRM's own stop ends once the administrator has every critical service running again.
    const allRunning = criticalServices(this.ctx.params.monitorXcpAuthentication).every((s) => n.services[s] === "STARTED");
    if (critical && allRunning && n.state !== STATE.IDLE) n.servicesStoppedBySrm = false;
  }

  fault(nodeId: number, fault: Fault, service?: string) {
    const n = this.node(nodeId);
    const need = (ok: boolean, why: MessageRef) => {
      if (!ok) throw NotAllowed.keyed(why);
    };
    const host = { host: n.hostName };
    switch (fault) {
      case "power-off":
        need(n.power !== "OFF", { key: "lab.alreadyOff", values: host });
        this.note("fault", n.id, say("event.fault.powerOff", { host: n.hostName }));
        this.powerOff(n);
        break;
      case "power-on":
        need(n.power === "OFF", { key: "lab.notOff", values: host });
        this.note("fault", n.id, say("event.fault.powerOn", { host: n.hostName }));
        this.powerOn(n);
        break;
      case "reboot":
        need(n.power === "ON", { key: "lab.notRunning", values: host });
        this.note("fault", n.id, say("event.fault.reboot", { host: n.hostName }));
        this.powerOff(n);
        this.powerOn(n);
        break;
      case "isolate-network":
        need(!n.isolated, { key: "lab.alreadyIsolated", values: host });
        this.note("fault", n.id, say("event.fault.isolateNetwork", { host: n.hostName }));
        n.isolated = true;
        break;
      case "restore-network":
        need(n.isolated, { key: "lab.notIsolated", values: host });
        this.note("fault", n.id, say("event.fault.restoreNetwork", { host: n.hostName }));
        n.isolated = false;
        // It heard nothing while cut off: its Keep Alive Timeout counts from now, as after a start.
        n.lastPeerHeartbeat = this.ctx.now;
        break;
      case "service-crash": {
        const name = service ?? "Cisco Presence Engine";
        need(n.power === "ON", { key: "lab.notRunning", values: host });
        need(name in n.services, { key: "lab.notAService", values: { service: name, ...host } });
        need(n.services[name] === "STARTED", { key: "lab.serviceNotRunning", values: { service: name, ...host } });
        this.note("fault", n.id, say("event.fault.serviceCrash", { service: name, host: n.hostName }));
        this.stopService(n, name);
        break;
      }
      case "database-failure":
        need(n.power === "ON" && n.services[DB_SERVICE] === "STARTED", { key: "lab.serviceNotRunning", values: { service: DB_SERVICE, ...host } });
        this.note("fault", n.id, say("event.fault.databaseFailure", { service: DB_SERVICE, host: n.hostName }));
        this.stopService(n, DB_SERVICE);
        break;
      case "stop-srm":
        need(this.srmRunning(n), { key: "lab.serviceNotRunning", values: { service: SRM_SERVICE, ...host } });
        this.note("fault", n.id, say("event.fault.stopSrm", { service: SRM_SERVICE, host: n.hostName }));
        this.stopService(n, SRM_SERVICE);
        break;
      case "start-srm":
        need(n.power === "ON", notPoweredOn(n));
        need(!this.srmRunning(n), { key: "lab.alreadyRunning", values: { service: SRM_SERVICE, ...host } });
        this.note("fault", n.id, say("event.fault.startSrm", { service: SRM_SERVICE, host: n.hostName }));
        this.startService(n, SRM_SERVICE);
        break;
      case "service-start-failure":
        need(!n.startFailure, { key: "lab.alreadyFailsToStart", values: host });
        this.note("fault", n.id, say("event.fault.serviceStartFailure", { host: n.hostName }));
        n.startFailure = true;
        break;
      case "user-move-failure":
        need(!n.moveFailure, { key: "lab.moveAlreadyFails", values: host });
        this.note("fault", n.id, say("event.fault.userMoveFailure", { host: n.hostName }));
        n.moveFailure = true;
        break;
    }
  }

  powerOff(n: NodeSim) {
    // The SRM's last message as its node shuts down: the peer will know the silence that follows is a reboot.
    const p = this.peerOf(n);
    if (p && this.hears(n, p)) p.peerView = { ...p.peerView, shutdownNotice: true };
    n.power = "OFF";
    n.bootUntil = null;
    n.initUntil = null;
    n.criticalDownSince = null;
    for (const s of Object.keys(n.services)) n.services[s] = "STOPPED";
  }

  powerOn(n: NodeSim) {
    n.power = "BOOTING";
    n.bootUntil = this.ctx.now + labMs(this.ctx.lab.bootSeconds);
  }

  finishBoot(n: NodeSim) {
    n.power = "ON";
    n.bootUntil = null;
    n.startFailure = false;
    n.moveFailure = false;
    const critical = new Set([...criticalServices(this.ctx.params.monitorXcpAuthentication), DB_SERVICE]);
    for (const s of Object.keys(n.services)) {
      // The SRM keeps the critical services of a manually failed-over node stopped across a reboot.
      n.services[s] = n.servicesStoppedBySrm && critical.has(s) && s !== DB_SERVICE ? "STOPPED" : "STARTED";
    }
    this.note("state", n.id, say("event.booted", { host: n.hostName }));
    n.awaitingSrmRestart = false;
    startSrm(this, n);
  }

  // ---- operations ---------------------------------------------------------

  // ---- the SRM's own checks ----------------------------------------------

  // ---- heartbeat loss (rows 16–18, and where Table 2 is silent) --------

  /** The deadlines of the running timers, for countdowns and for scheduling. */
  timers(): { nodeId: number | null; kind: string; at: number }[] {
    const t: { nodeId: number | null; kind: string; at: number }[] = [];
    const { params } = this.ctx;
    for (const n of this.g.nodes) {
      if (n.bootUntil !== null) t.push({ nodeId: n.id, kind: "boot", at: n.bootUntil });
      if (!this.g.haEnabled || !this.active(n)) continue;
      if (n.initUntil !== null) t.push({ nodeId: n.id, kind: "srm-start", at: n.initUntil });
      const loss = peerLoss(this, n);
      if (loss) t.push({ nodeId: n.id, kind: "heartbeat-timeout", at: loss.at });
      if (n.criticalDownSince !== null) {
        t.push({ nodeId: n.id, kind: "critical-service-down", at: n.criticalDownSince + params.criticalServiceDownDelay * 1000 + 1 });
      }
      if (params.enableAutomaticFallback && n.state === STATE.FAILED_OVER && n.healthySince !== null && !this.g.op) {
        t.push({ nodeId: n.id, kind: "automatic-fallback", at: n.healthySince + AUTOMATIC_FALLBACK_DELAY_SECONDS * 1000 });
      }
    }
    const op = this.g.op;
    if (op && operationCanStep(this, op)) t.push({ nodeId: null, kind: `${op.kind}-step-${op.step}`, at: op.stepEndsAt });
    return t;
  }

  /** The next moment something may happen; timers already due wait on a condition instead. */
  nextDeadline(): number | null {
    const future = this.timers()
      .map((t) => t.at)
      .filter((at) => at > this.ctx.now);
    return future.length ? Math.min(...future) : null;
  }

  /** Heartbeats the nodes heard up to now, on the Keep Alive Interval grid. */
  refreshHeartbeats() {
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

  pairHears(): boolean {
    const [a, b] = this.g.nodes;
    return !!a && !!b && this.hears(a, b);
  }

  /**
   * SRMs that start hearing each other (a start, a boot, a network back)
   * exchange a first heartbeat at once; heartbeats on the interval grid before
   * that moment were never sent, so none is credited for them.
   */
  greetOnContact() {
    const heard = this.pairHears();
    if (heard && !this.pairHeard) for (const n of this.g.nodes) n.lastPeerHeartbeat = this.ctx.now;
    this.pairHeard = heard;
    this.deliverHeartbeats();
  }

  advanceOnce(): boolean {
    const now = this.ctx.now;
    this.cause = null;
    for (const n of this.g.nodes) {
      if (n.bootUntil !== null && n.bootUntil <= now) {
        this.finishBoot(n);
        return true;
      }
    }
    if (!this.g.haEnabled || this.g.nodes.length < 2) return false;
    this.greetOnContact();
    if (enforceAgreement(this)) return true;
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
        resolveInitialization(this, n);
        return true;
      }
      const loss = peerLoss(this, n);
      if (loss && now >= loss.at) {
        onPeerLoss(this, n, loss.decision);
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
          onCriticalTimeout(this, n, problem);
          return true;
        }
      } else if (n.criticalDownSince !== null) {
        n.criticalDownSince = null;
        return true;
      }
      if (!problem && (n.state === STATE.FAILED_OVER_CSNR || n.state === STATE.FAILOVER_AFFECTED) && !this.g.op) {
        onServicesBack(this, n);
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
        this.note("action", n.id, say("event.automaticFallback", { host: n.hostName }));
        beginFallback(this, n, p, REASON.AUTO_FALLBACK);
        return true;
      }
    }
    const op = this.g.op;
    if (op && op.stepEndsAt <= now) {
      if (operationCanStep(this, op)) {
        stepOperation(this, op);
        return true;
      }
    }
    return false;
  }
}
