import { EventEmitter } from "node:events";
import type { Db, Tx } from "../db/client.ts";
import { ApiError, keyedError } from "../http/errors.ts";
import type { ClusterParameters } from "../params/definitions.ts";
import type { Clock } from "./clock.ts";
import type { LabSettings } from "./lab-settings.ts";
import { GroupMachine, NotAllowed, type Fault, type ServiceAction } from "./machine.ts";
import { SRM_SERVICE } from "../domain/services.ts";
import { cloneGroup, type GroupSim, type HaEventRecord, type MoveUsers, type NodeSim } from "./model.ts";
import { REASON, STATE, type HaAction } from "./names.ts";
import { loadUnits, saveUnit, type Unit } from "./repository.ts";
import { runStep, unchanged } from "./step.ts";
import { unreachableBecause } from "./reachability.ts";
import { WorkLanes } from "./work-lanes.ts";

export interface ChangeNotice {
  groupId: number | null;
  nodeIds: number[];
  at: number;
  /** The history rows of the step, for observers (metrics, alerts) that count what happened. */
  events?: readonly HaEventRecord[];
  /** User moves the step made. */
  userMoves?: number;
  /** Which users the step moved, committed at `at` (the simulated clients follow them, lib/clients). */
  moves?: readonly MoveUsers[];
}

export interface ControllerOptions {
  db: Db;
  clock: Clock;
  params: ClusterParameters;
  lab: LabSettings;
  /**
   * Real time: how to wait on the wall clock for the next timer (setTimeout
   * unless a test gives a fake). Omit for a virtual clock driven by advanceTo.
   */
  wallTimers?: WallTimers;
  /**
   * Several console instances on one database (lib/cluster): checked inside
   * every write's transaction; throws when this instance no longer leads.
   */
  fence?: (tx: Tx) => Promise<void>;
  /** Start as a follower: a read-only mirror of the database until `lead()`. */
  passive?: boolean;
  /** Users moved per transaction ahead of a step, on a database that runs one transaction at a time (repository.ts). */
  moveSlice?: number;
}

/** An input reached an instance that does not run the controller now (another instance leads). */
export class NotLeading extends ApiError {
  constructor() {
    super("unavailable", "This console instance does not run the HA controller now: another instance leads; try again in a few seconds");
  }
}

/** The wall-clock timer the controller sleeps on until the next SRM timer is due. */
export interface WallTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const REAL_WALL_TIMERS: WallTimers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Node's setTimeout holds at most about 24 days; longer waits re-arm on the way. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** How many times `exclusiveWhenQuiet` lets newly queued lane work go first before it queues anyway. */
const QUIET_ROUNDS = 20;

/** A group's own timer loop: each group sleeps until its next SRM timer, independently of the others. */
interface GroupTimer {
  /** Lab time up to which every timer of the group has fired, each at its own due moment. */
  firedUntil: number;
  wake: unknown;
  /** A timer check already queued in the group's lane covers a new one. */
  pending: Promise<void> | null;
}

/**
 * The Server Recovery Manager of every group, in the server process. It owns
 * the HA runtime columns: it loads them once, applies every input through a
 * GroupMachine, and persists each step before it takes effect in memory.
 * Each group is its own unit of work (lib/ha/work-lanes.ts): its inputs and
 * timers run one at a time in its lane, so a conflicting second request sees
 * the state the first one left and is refused rather than half-applied, and
 * no group waits for another's work. Changes that span groups hold every lane.
 */
export class HaController {
  private units = new Map<string, Unit>();
  private readonly work = new WorkLanes();
  private readonly timers = new Map<string, GroupTimer>();
  private stopped = false;
  private readonly emitter = new EventEmitter();
  private params: ClusterParameters;
  private lab: LabSettings;
  private passive: boolean;
  private resumed: boolean;
  /** Counts lead() and follow() calls: a resume that ends after leadership changed again says nothing of the current term. */
  private term = 0;
  /** The timer checks as /api/health reports them: when the last one ended, how many failed. */
  readonly checks: { lastWall: number | null; errors: number; lastError: string | null } = { lastWall: null, errors: 0, lastError: null };

  private constructor(private opts: ControllerOptions) {
    this.params = opts.params;
    this.lab = opts.lab;
    this.passive = opts.passive ?? false;
    // A controller started leading resumes its groups in start() before anyone can read it.
    this.resumed = !this.passive;
    this.emitter.setMaxListeners(0);
  }

  static async start(opts: ControllerOptions): Promise<HaController> {
    const controller = new HaController(opts);
    if (controller.passive) await controller.acrossAll(() => controller.reloadUnits(), true);
    else await controller.resumeAll();
    return controller;
  }

  private async resumeAll() {
    await this.acrossAll(async () => {
      await this.reloadUnits();
      for (const unit of this.units.values()) {
        this.timerOf(unit.key).firedUntil = this.opts.clock.now();
        await this.apply(unit, "SRM", (m) => m.resumeAfterRestart());
      }
    });
  }

  // ---- leadership (lib/cluster) ------------------------------------------------

  /** Whether this instance runs the controller; a follower only mirrors the database. */
  get leading(): boolean {
    return !this.passive;
  }

  /**
   * Leading and done resuming the groups: before that, a status read still shows what the former leader left,
   * which the resume is about to change (every SRM restarts), so nobody should act on it as settled.
   */
  get inCharge(): boolean {
    return !this.passive && this.resumed;
  }

  /** Takes the lead: everything from the database and nothing else, resumed as after an SRM restart. */
  async lead(params: ClusterParameters, lab: LabSettings): Promise<void> {
    this.params = params;
    this.lab = lab;
    this.passive = false;
    this.resumed = false;
    const term = ++this.term;
    await this.resumeAll();
    if (term === this.term) this.resumed = !this.passive;
    this.emitter.emit("change", { groupId: null, nodeIds: [], at: this.opts.clock.now() } satisfies ChangeNotice);
  }

  /** For writes made outside a step's transaction (group and parameter changes): refused once the lease is lost. */
  private async checkFence() {
    const fence = this.opts.fence;
    if (fence) await this.opts.db.$transaction((tx) => fence(tx));
  }

  /** The lease is lost: no timer fires and no input runs from now on (queued ones are refused). */
  follow(): void {
    this.passive = true;
    this.resumed = false;
    this.term++;
    for (const t of this.timers.values()) {
      this.sleep(t);
      // A check queued in a lane is refused once its turn comes: the next leader term queues its own.
      t.pending = null;
    }
  }

  /** A follower catches up with what the leader wrote, and tells its own listeners (event streams). */
  refresh(params: ClusterParameters, lab: LabSettings, notices: readonly ChangeNotice[]): Promise<void> {
    return this.acrossAll(async () => {
      if (!this.passive) return;
      this.params = params;
      this.lab = lab;
      await this.reloadUnits();
      for (const notice of notices) this.emitter.emit("change", notice);
    }, true);
  }

  /** Stops the timers and waits for the input in progress, so nothing touches the database afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) this.sleep(t);
    // Work queued while waiting (the Sync Agent's, on a change notice) is waited for too.
    await this.work.idle();
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get labSettings(): LabSettings {
    return this.lab;
  }

  get clusterParameters(): ClusterParameters {
    return this.params;
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.emitter.on("change", listener);
    return () => this.emitter.off("change", listener);
  }

  /** Checked when the turn comes, not when queued: the lease may be lost while waiting. */
  private turn<T>(fn: () => Promise<T>, mirror: boolean): () => Promise<T> {
    return () => (this.passive && !mirror ? Promise.reject(new NotLeading()) : fn());
  }

  private refuseStopped(): Promise<never> | null {
    return this.stopped ? Promise.reject(new Error("The HA controller has stopped: the server is shutting down")) : null;
  }

  /** Work on one group (its key, `g<id>`): runs after the group's earlier work, beside other groups'. */
  private inGroup<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.refuseStopped() ?? this.work.inLanes([key], this.turn(fn, false)).finally(() => this.rearm(key));
  }

  /** Work that spans groups (membership, parameters, the lab clock, a reload): holds every group's lane. */
  private acrossAll<T>(fn: () => Promise<T>, mirror = false): Promise<T> {
    return (
      this.refuseStopped() ??
      this.work.acrossAll(this.turn(fn, mirror)).finally(() => {
        for (const key of this.units.keys()) this.rearm(key);
      })
    );
  }

  private timerOf(key: string): GroupTimer {
    let t = this.timers.get(key);
    if (!t) this.timers.set(key, (t = { firedUntil: this.opts.clock.now(), wake: undefined, pending: null }));
    return t;
  }

  private sleep(t: GroupTimer) {
    if (t.wake !== undefined) this.opts.wallTimers?.clear(t.wake);
    t.wake = undefined;
  }

  /**
   * Real time: the group sleeps until its next SRM timer is due in lab time,
   * converted to wall time at the current speed; re-armed after every input,
   * so a new timer or a new speed takes effect at once. No polling.
   */
  private rearm(key: string) {
    const wall = this.opts.wallTimers;
    const unit = this.units.get(key);
    const t = this.timers.get(key);
    if (t) this.sleep(t);
    if (!wall || this.stopped || this.passive || !unit) return;
    const timer = this.timerOf(key);
    // From the last moment fired, not from now: a timer may have come due while the input ran.
    const next = this.nextDeadline(unit, timer.firedUntil);
    if (next === null) return;
    const wallMs = Math.min(LONGEST_WAIT_MS, Math.max(0, Math.ceil((next - this.opts.clock.now()) / this.lab.speed)));
    timer.wake = wall.set(() => {
      timer.wake = undefined;
      void this.tickGroup(key).then(
        () => (this.checks.lastWall = Date.now()),
        (err: unknown) => {
          this.checks.errors++;
          this.checks.lastError = err instanceof Error ? err.message : String(err);
          console.error(err);
        },
      );
    }, wallMs);
  }

  /** The group's earliest timer after lab time `after`. */
  private nextDeadline(unit: Unit, after: number): number | null {
    return new GroupMachine(unit.sim, { ...this.context("SRM"), now: after }).nextDeadline();
  }

  private async reloadUnits() {
    const fresh = await loadUnits(this.opts.db);
    this.units = new Map(fresh.map((u) => [u.key, u]));
    for (const [key, t] of this.timers) {
      if (this.units.has(key)) continue;
      this.sleep(t);
      this.timers.delete(key);
    }
  }

  private context(actor: string) {
    return { now: this.opts.clock.now(), params: this.params, lab: this.lab, actor };
  }

  private machine(sim: GroupSim, actor: string): GroupMachine {
    return new GroupMachine(cloneGroup(sim), this.context(actor));
  }

  /** Reads the timers of a unit without copying it: the timer loop runs this four times a second. */
  private timersOf(sim: GroupSim): GroupMachine {
    return new GroupMachine(sim, this.context("SRM"));
  }

  /**
   * Runs one input on a unit and everything it makes due now, persists the
   * result, and only then makes it the unit's state. If the database refuses
   * the user move, the same input is replayed as a failed move.
   */
  private async apply(unit: Unit, actor: string, input: (m: GroupMachine) => void, at?: number): Promise<void> {
    const before = unit.sim;
    const ctx = { ...this.context(actor), ...(at !== undefined ? { now: at } : {}) };
    let m = runStep(before, ctx, input);
    if (unchanged(before, m)) return;
    try {
      await saveUnit(this.opts.db, unit, before, m.g, m.moves, m.events, this.opts.fence, this.opts.moveSlice);
    } catch (err) {
      if (m.moves.length === 0 || this.passive) throw err;
      console.error(err);
      m = runStep(before, { ...ctx, failMoves: true }, input);
      await saveUnit(this.opts.db, unit, before, m.g, m.moves, m.events, this.opts.fence);
    }
    unit.sim = m.g;
    this.emitter.emit("change", {
      groupId: unit.groupId,
      nodeIds: m.g.nodes.map((n) => n.id),
      at: this.opts.clock.now(),
      events: m.events,
      userMoves: m.moves.length,
      moves: m.moves,
    } satisfies ChangeNotice);
  }

  private unitOfGroup(groupId: number): Unit {
    const unit = this.units.get(`g${groupId}`);
    if (!unit) throw keyedError("not_found", { key: "group.notFound", values: { id: String(groupId) } });
    return unit;
  }

  private findUnitOfNode(nodeId: number): Unit | undefined {
    for (const unit of this.units.values()) if (unit.sim.nodes.some((n) => n.id === nodeId)) return unit;
    return undefined;
  }

  private unitOfNode(nodeId: number): Unit {
    const unit = this.findUnitOfNode(nodeId);
    if (!unit) throw keyedError("not_found", { key: "node.notFound", values: { id: String(nodeId) } });
    return unit;
  }

  /**
   * Work on the group a node belongs to, in that group's lane. A change of
   * groups queued before it may move the node: it then runs in its new group's
   * lane; a node no group has loaded yet waits for every lane (it may be
   * about to be added).
   */
  private async onNode<T>(nodeId: number, fn: (unit: Unit) => Promise<T>): Promise<T> {
    for (;;) {
      const key = this.findUnitOfNode(nodeId)?.key;
      if (key === undefined) return this.acrossAll(() => fn(this.unitOfNode(nodeId)));
      const done = await this.inGroup(key, async () => {
        const unit = this.unitOfNode(nodeId);
        return unit.key === key ? { value: await fn(unit) } : null;
      });
      if (done) return done.value;
    }
  }

  private refuse(err: unknown, unit: Unit): never {
    if (err instanceof NotAllowed) throw refusal(err, this.statusOf(unit));
    throw err;
  }

  private async input(unit: Unit, actor: string, fn: (m: GroupMachine) => void) {
    // Timers due before this input fire first, each at its own moment.
    await this.tickUnit(unit);
    try {
      await this.apply(unit, actor, fn);
    } catch (err) {
      this.refuse(err, unit);
    }
  }

  // ---- inputs --------------------------------------------------------------

  action(groupId: number, action: HaAction, nodeId: number | undefined, actor: string) {
    return this.inGroup(`g${groupId}`, async () => {
      const unit = this.unitOfGroup(groupId);
      await this.input(unit, actor, (m) => m.adminAction(action, nodeId));
      return this.statusOf(unit);
    });
  }

  serviceAction(nodeId: number, service: string, action: ServiceAction, actor: string) {
    return this.onNode(nodeId, async (unit) => {
      await this.input(unit, actor, (m) => m.serviceAction(nodeId, service, action));
      return this.statusOf(unit);
    });
  }

  fault(nodeId: number, fault: Fault, actor: string, service?: string) {
    return this.onNode(nodeId, async (unit) => {
      await this.input(unit, actor, (m) => m.fault(nodeId, fault, service));
      return this.statusOf(unit);
    });
  }

  /**
   * Runs a change to groups (add, edit, delete, nodes added or removed) in
   * the controller's turn: `check` may refuse it against the HA state first,
   * `write` makes it in the database, and the controller then picks up the
   * new membership and enables or disables HA as the groups now say.
   */
  changeGroups<T>(actor: string, write: () => Promise<T>, check?: (status: (groupId: number) => GroupMachine) => void): Promise<T> {
    return this.acrossAll(async () => {
      // Pick up anything written outside the controller (seed scripts, other tools) first.
      await this.reloadUnits();
      if (check) {
        try {
          check((groupId) => {
            const m = this.machine(this.unitOfGroup(groupId).sim, actor);
            m.observe();
            return m;
          });
        } catch (err) {
          if (err instanceof NotAllowed) throw refusal(err);
          throw err;
        }
      }
      const before = new Map([...this.units].map(([k, u]) => [k, u.sim.haEnabled]));
      await this.checkFence();
      const result = await write();
      await this.reloadUnits();
      for (const unit of this.units.values()) {
        const was = before.get(unit.key) ?? false;
        if (!unit.sim.haEnabled && unit.sim.nodes.some((n) => n.reason !== REASON.HA_NOT_ENABLED) && !was) {
          await this.apply(unit, actor, (m) => m.showHaOff());
        }
        if (unit.groupId === null || was === unit.sim.haEnabled) continue;
        // The database already says whether HA is on; the machine applies what that means.
        const wanted = unit.sim.haEnabled;
        unit.sim = { ...unit.sim, haEnabled: !wanted };
        await this.apply(unit, actor, (m) => (wanted ? m.enableHa() : m.disableHa()));
      }
      this.emitter.emit("change", { groupId: null, nodeIds: [], at: this.opts.clock.now() } satisfies ChangeNotice);
      return result;
    });
  }

  /** New SRM parameters apply to the next check of every group, not after a restart. */
  setParameters(params: ClusterParameters, actor = "admin") {
    return this.updateParameters(async () => params, actor);
  }

  /**
   * Reads, checks and writes parameters in the controller's turn, so two
   * saves cannot each pass a joint rule (interval below timeout) that their
   * combination breaks, and the values the controller runs with are the
   * ones stored. `save` returns the cluster values now in force.
   */
  updateParameters(save: () => Promise<ClusterParameters>, actor: string): Promise<void> {
    return this.acrossAll(async () => {
      await this.checkFence();
      this.params = await save();
      for (const unit of this.units.values()) await this.apply(unit, actor, () => {});
    });
  }

  /** A new speed re-anchors the lab clock and re-arms every group's wake-up (acrossAll does) at the new rate. */
  setLabSettings(lab: LabSettings) {
    return this.acrossAll(async () => {
      this.lab = lab;
      this.opts.clock.setSpeed?.(lab.speed);
      this.emitter.emit("change", { groupId: null, nodeIds: [], at: this.opts.clock.now() } satisfies ChangeNotice);
    });
  }

  // ---- time ------------------------------------------------------------------

  /**
   * Fires every timer of the group due by now at its own due moment (the lab
   * clock may be ahead of the last wake-up by a wall-clock delay), in order,
   * then anything still due now. The history and the states carry the due times.
   */
  private async tickUnit(unit: Unit) {
    const timer = this.timerOf(unit.key);
    const now = this.opts.clock.now();
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.nextDeadline(unit, timer.firedUntil);
      if (next === null || !(next <= now)) break;
      timer.firedUntil = next;
      await this.fireAt(unit, next);
    }
    timer.firedUntil = Math.max(timer.firedUntil, now);
    await this.fireAt(unit, now);
  }

  private async fireAt(unit: Unit, at: number) {
    const due = new GroupMachine(unit.sim, { ...this.context("SRM"), now: at }).timers().some((t) => t.at <= at);
    if (due) await this.apply(unit, "SRM", () => {}, at);
  }

  /** Processes every timer of the group that is due, in its lane. */
  private tickGroup(key: string): Promise<void> {
    const timer = this.timerOf(key);
    if (timer.pending) return timer.pending;
    const check = this.inGroup(key, () => {
      if (timer.pending === check) timer.pending = null;
      const unit = this.units.get(key);
      return unit ? this.tickUnit(unit) : Promise.resolve();
    });
    timer.pending = check;
    // Also when the turn never runs (refused: the lease was lost meanwhile), or the next check would wait on it forever.
    const clear = () => {
      if (timer.pending === check) timer.pending = null;
    };
    check.then(clear, clear);
    return check;
  }

  /** Processes every timer that is due, each group in its own lane. */
  async tick(): Promise<void> {
    await Promise.all([...this.units.keys()].map((key) => this.tickGroup(key)));
  }

  /** Virtual time: runs every timer up to `target` in order, at its own moment. */
  async advanceTo(target: number, setClock: (t: number) => void): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const now = this.opts.clock.now();
      const next = Math.min(
        ...[...this.units.values()].map((u) => this.timersOf(u.sim).nextDeadline() ?? Infinity),
      );
      if (!(next <= target)) break;
      setClock(Math.max(next, now));
      await this.tick();
    }
    setClock(target);
    await this.tick();
  }

  // ---- views -------------------------------------------------------------------

  /** Runs `fn` while every group's lane is held, so it never interleaves with a user move. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.acrossAll(async () => {
      await this.checkFence();
      return fn();
    });
  }

  /**
   * Like `exclusive`, for housekeeping across groups (the simulated clients'
   * reconcile): it first lets the work already queued finish without holding
   * any lane meanwhile, so a group is never stalled behind another group's
   * long work (a 100,000-user import) by a barrier waiting for it.
   */
  async exclusiveWhenQuiet<T>(fn: () => Promise<T>): Promise<T> {
    // Bounded: at a high lab speed some lane is nearly always busy, and the caller must run at last.
    await this.work.idle(QUIET_ROUNDS);
    return this.exclusive(fn);
  }

  /**
   * Runs `fn` while the lanes of the groups holding any of these nodes are
   * held (adding users to a cluster's nodes), leaving other groups running.
   * A change of groups queued before it may change which groups those are:
   * it then waits again for the right ones.
   */
  async exclusiveOver<T>(nodeIds: readonly number[], fn: () => Promise<T>): Promise<T> {
    const wanted = new Set(nodeIds);
    const keysNow = () => [...this.units.values()].filter((u) => u.sim.nodes.some((n) => wanted.has(n.id))).map((u) => u.key).sort();
    for (;;) {
      const keys = keysNow();
      const done = await (this.refuseStopped() ??
        this.work
          .inLanes(
            keys,
            this.turn(async () => {
              if (keysNow().join() !== keys.join()) return null;
              await this.checkFence();
              return { value: await fn() };
            }, false),
          )
          .finally(() => keys.forEach((k) => this.rearm(k))));
      if (done) return done.value;
    }
  }

  /** A group whose users stay where they are: HA off, or both nodes Normal with nothing in progress. */
  groupSettled(groupId: number): boolean {
    const unit = this.units.get(`g${groupId}`);
    if (!unit) return true;
    return !unit.sim.haEnabled || (!unit.sim.op && unit.sim.nodes.every((n) => n.state === STATE.NORMAL));
  }

  /** A copy of a group's state as the controller holds it: what-if previews run the machine on it. */
  snapshotOf(groupId: number): GroupSim {
    return cloneGroup(this.unitOfGroup(groupId).sim);
  }

  knowsGroup(groupId: number): boolean {
    return this.units.has(`g${groupId}`);
  }

  machineOf(groupId: number): GroupMachine {
    const m = this.machine(this.unitOfGroup(groupId).sim, "SRM");
    m.observe();
    return m;
  }

  statusOf(unit: Unit) {
    // observe() moves heartbeats on, so it runs on a copy; without HA it changes nothing and nothing needs copying.
    const m = unit.sim.haEnabled ? this.machine(unit.sim, "SRM") : this.timersOf(unit.sim);
    m.observe();
    const now = this.opts.clock.now();
    const allowed = m.allowedActions();
    const timers = m.timers();
    return {
      groupId: unit.groupId,
      groupName: unit.sim.name,
      haEnabled: unit.sim.haEnabled,
      labNow: now,
      speed: this.lab.speed,
      operation: unit.sim.op,
      allowedActions: allowed,
      nodes: m.g.nodes.map((n) => ({
        id: n.id,
        hostName: n.hostName,
        state: n.state,
        reason: n.reason,
        stateSince: n.stateSince,
        power: n.power,
        isolated: n.isolated,
        srmRunning: m.active(n) || (n.power === "ON" && n.isolated && n.services[SRM_SERVICE] === "STARTED"),
        /** Why its peer cannot hear it (the state shown is then the one last known), or null. */
        unreachable: m.g.haEnabled ? unreachableBecause(n) : null,
        servicesStoppedBySrm: n.servicesStoppedBySrm,
        services: n.services,
        faults: { startFailure: n.startFailure, moveFailure: n.moveFailure },
        failedOver: n.homeServedBy !== n.id,
        lastPeerHeartbeat: m.g.haEnabled && m.g.nodes.length > 1 ? n.lastPeerHeartbeat : null,
        peerLastHeard: m.g.haEnabled ? lastHeardBy(m.peerOf(n)) : null,
        timers: timers.filter((t) => t.nodeId === n.id).map((t) => ({ kind: t.kind, at: t.at })),
      })),
      groupTimers: timers.filter((t) => t.nodeId === null).map((t) => ({ kind: t.kind, at: t.at })),
    };
  }

  groupStatus(groupId: number) {
    return this.statusOf(this.unitOfGroup(groupId));
  }

  nodeStatus(nodeId: number) {
    return this.statusOf(this.unitOfNode(nodeId));
  }

  allStatuses() {
    return [...this.units.values()].map((u) => this.statusOf(u));
  }
}

export type HaStatus = ReturnType<HaController["statusOf"]>;

/** The 409 of an input the state machine does not allow now, in the catalogue's words when it has them. */
function refusal(err: NotAllowed, current?: unknown): ApiError {
  const error = new ApiError("conflict", err.message, undefined, current);
  return err.ref ? error.withMessage(err.ref.key, err.ref.values) : error;
}

/** This node as its peer's SRM last heard it: what the peer decides from while this node is silent. */
function lastHeardBy(peer: NodeSim | null) {
  const heard = peer?.peerView.heard;
  return peer && heard ? { state: heard.state, reason: heard.reason, at: peer.lastPeerHeartbeat } : null;
}
