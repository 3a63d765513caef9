import { SERVICE_NAMES } from "../../domain/services.ts";
import { DEFAULT_CLUSTER_PARAMETERS, type ClusterParameters } from "../../params/definitions.ts";
import { DEFAULT_LAB_SETTINGS, type LabSettings } from "../lab-settings.ts";
import { GroupMachine, NotAllowed, type Fault, type ServiceAction } from "../machine.ts";
import { cloneGroup, type GroupSim, type NodeSim } from "../model.ts";
import { REASON, STATE, type HaAction } from "../names.ts";
import { runStep } from "../step.ts";
import { NOTHING_HEARD } from "../agent/heartbeat.ts";

export interface LabUser {
  assigned: number;
  serving: number;
}

/**
 * One Presence Redundancy Group run on the SRM state machine in memory, on a
 * virtual clock: the same steps the controller runs, without the database.
 * The property test and the long-run script drive thousands of sequences
 * through it; the controller-backed run checks that both agree.
 */
export class MemoryLab {
  now = Date.UTC(2026, 0, 1);
  sim: GroupSim;
  users: LabUser[];
  params: ClusterParameters;
  lab: LabSettings;
  /** History rows the machine wrote, oldest first. */
  readonly history: string[] = [];

  constructor(opts: { users?: [number, number]; params?: Partial<ClusterParameters>; lab?: Partial<LabSettings> } = {}) {
    this.params = { ...DEFAULT_CLUSTER_PARAMETERS, ...opts.params };
    this.lab = { ...DEFAULT_LAB_SETTINGS, ...opts.lab };
    const node = (id: number): NodeSim => ({
      id,
      hostName: `node${id}`,
      replicationState: 2,
      power: "ON",
      bootUntil: null,
      isolated: false,
      services: Object.fromEntries(SERVICE_NAMES.map((s) => [s, "STARTED"])),
      state: STATE.UNKNOWN,
      reason: REASON.HA_NOT_ENABLED,
      stateSince: this.now,
      initUntil: null,
      resumeState: null,
      lastPeerHeartbeat: 0,
      peerView: { ...NOTHING_HEARD },
      criticalDownSince: null,
      healthySince: null,
      servicesStoppedBySrm: false,
      homeServedBy: id,
      awaitingSrmRestart: false,
      startFailure: false,
      moveFailure: false,
    });
    this.sim = { id: 1, name: "PRG", haEnabled: false, nodes: [node(1), node(2)], op: null };
    const [a, b] = opts.users ?? [3, 2];
    this.users = [
      ...Array.from({ length: a }, () => ({ assigned: 1, serving: 1 })),
      ...Array.from({ length: b }, () => ({ assigned: 2, serving: 2 })),
    ];
    this.input("admin", (m) => m.enableHa());
  }

  private ctx(actor: string, now = this.now) {
    return { now, params: this.params, lab: this.lab, actor };
  }

  /** Runs one input; false when the SRM refuses it (the group is unchanged). */
  input(actor: string, fn: (m: GroupMachine) => void, now = this.now): boolean {
    let m: GroupMachine;
    try {
      m = runStep(this.sim, this.ctx(actor, now), fn);
    } catch (err) {
      if (err instanceof NotAllowed) return false;
      throw err;
    }
    for (const move of m.moves) {
      for (const u of this.users) {
        if (u.serving === move.from && (move.assignedTo === undefined || u.assigned === move.assignedTo)) u.serving = move.to;
      }
    }
    for (const e of m.events) this.history.push(`${e.at - Date.UTC(2026, 0, 1)} ${e.actor}: ${e.message}`);
    this.sim = m.g;
    return true;
  }

  act(action: HaAction, node?: number) {
    return this.input("admin", (m) => m.adminAction(action, node));
  }

  fault(node: number, fault: Fault, service?: string) {
    return this.input("admin", (m) => m.fault(node, fault, service));
  }

  service(node: number, service: string, action: ServiceAction) {
    return this.input("admin", (m) => m.serviceAction(node, service, action));
  }

  /** A read-only machine over the current state, for its timers and allowed actions. */
  view(): GroupMachine {
    const m = new GroupMachine(cloneGroup(this.sim), this.ctx("SRM"));
    m.observe();
    return m;
  }

  /** Moves lab time on, firing every timer at its own due moment, as the controller's advanceTo does. */
  advance(seconds: number) {
    const target = this.now + Math.round(seconds * 1000);
    for (let guard = 0; guard < 10_000; guard++) {
      const next = new GroupMachine(this.sim, this.ctx("SRM")).nextDeadline();
      if (next === null || next > target) break;
      this.now = Math.max(next, this.now);
      this.tick();
    }
    this.now = target;
    this.tick();
  }

  private tick() {
    const due = new GroupMachine(this.sim, this.ctx("SRM")).timers().some((t) => t.at <= this.now);
    if (due) this.input("SRM", () => {});
  }
}
