import fc from "fast-check";
import { DB_SERVICE, SRM_SERVICE } from "../../domain/services.ts";
import { findExtraPair, findRow } from "../table2.ts";
import { canServeUsers, unreachableBecause } from "../reachability.ts";
import { STATE, STATE_KIND, type HaAction } from "../names.ts";
import type { Fault, ServiceAction } from "../machine.ts";
import { MemoryLab } from "./memory-lab.ts";

/**
 * The property the SRM must hold in any combination of actions and faults
 * (issue 10): random sequences on the virtual clock, four invariants checked
 * after each step, then the faults healed and the offered actions followed
 * back to Normal / Normal.
 */
export type Step =
  | { kind: "action"; action: HaAction; node: 1 | 2 }
  | { kind: "fault"; fault: Fault; node: 1 | 2; service?: string }
  | { kind: "service"; service: string; action: ServiceAction; node: 1 | 2 }
  | { kind: "wait"; seconds: number };

const PRESENCE_ENGINE = "Cisco Presence Engine";

const node = fc.constantFrom<1 | 2>(1, 2);
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("action" as const), action: fc.constantFrom<HaAction>("failover", "fallback", "recover"), node }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      fault: fc.constantFrom<Fault>(
        "power-off", "power-on", "reboot", "isolate-network", "restore-network",
        "stop-srm", "start-srm", "database-failure", "service-crash", "user-move-failure",
      ),
      node,
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("service" as const),
      service: fc.constantFrom(PRESENCE_ENGINE, DB_SERVICE, SRM_SERVICE),
      action: fc.constantFrom<ServiceAction>("start", "stop", "restart"),
      node,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.constantFrom(0.5, 1, 3, 4, 10, 15, 30, 61, 125, 200, 1900) }), weight: 6 },
);
export const sequenceArb = fc.array(stepArb, { minLength: 1, maxLength: 12 });

export function describeStep(s: Step): string {
  switch (s.kind) {
    case "action": return `${s.action} node${s.node}`;
    case "fault": return `${s.fault} node${s.node}`;
    case "service": return `${s.action} ${s.service} node${s.node}`;
    case "wait": return `wait ${s.seconds}s`;
  }
}

export function applyStep(lab: MemoryLab, s: Step): boolean {
  switch (s.kind) {
    case "action": return lab.act(s.action, s.action === "recover" ? undefined : s.node);
    case "fault": return lab.fault(s.node, s.fault, s.fault === "service-crash" ? PRESENCE_ENGINE : s.service);
    case "service": return lab.service(s.node, s.service, s.action);
    case "wait": lab.advance(s.seconds); return true;
  }
}

export interface Figures {
  sequences: number;
  steps: number;
  /** Every pair seen after a step: "state / reason [unreachable]" twice, with how often, and whether it was settled. */
  pairs: Map<string, { count: number; settled: boolean; row: string }>;
}

export const newFigures = (): Figures => ({ sequences: 0, steps: 0, pairs: new Map() });

const pairNode = (n: { state: string; reason: string; power: string; isolated: boolean; services: Record<string, string> }) => ({
  state: n.state,
  reason: n.reason,
  unreachable: unreachableBecause(n) !== null,
});

const label = (n: ReturnType<typeof pairNode>) => `${n.state} / ${n.reason || "-"}${n.unreachable ? " [unreachable]" : ""}`;

/** Nothing in flight and no timer due within the Keep Alive Timeout. */
export function settled(lab: MemoryLab): boolean {
  const g = lab.sim;
  if (g.op) return false;
  if (g.nodes.some((n) => n.power === "BOOTING" || (n.state === STATE.INITIALIZING && unreachableBecause(n) === null))) return false;
  // A running timer that will change the state (a critical service down for
  // 90 s) counts as in flight; the 30-minute automatic fallback only near its end.
  const horizon = lab.now + (lab.params.keepAliveTimeout + 1) * 1000;
  return !lab.view().timers().some((t) => t.kind !== "automatic-fallback" || t.at <= horizon);
}

/** The longest any transitional state may last on a reachable node: its longest timer plus the operation's steps. */
export function transitionalLimitMs(lab: MemoryLab): number {
  const p = lab.params;
  return (p.initializationKeepAliveTimeout + p.keepAliveTimeout + lab.lab.srmStartSeconds + 3 * lab.lab.stepSeconds) * 1000;
}

/** Tracks since when each reachable node has been in the same transitional state. */
export class TransitionWatch {
  private since = new Map<number, { state: string; at: number }>();
  private lastCheck = 0;
  check(lab: MemoryLab): string | null {
    const lastCheck = this.lastCheck;
    this.lastCheck = lab.now;
    for (const n of lab.sim.nodes) {
      const transitional = STATE_KIND[n.state] === "transitional" && unreachableBecause(n) === null;
      const was = this.since.get(n.id);
      if (!transitional) {
        this.since.delete(n.id);
        continue;
      }
      if (!was || was.state !== n.state) {
        // Entered since the last check: from its own start; reachable again in an old state: from now.
        this.since.set(n.id, { state: n.state, at: n.stateSince >= lastCheck ? n.stateSince : lab.now });
        continue;
      }
    }
    for (const n of lab.sim.nodes) {
      const was = this.since.get(n.id);
      if (was && lab.now - was.at > transitionalLimitMs(lab)) {
        return `node${n.id} has been ${n.state} / ${n.reason} for ${(lab.now - was.at) / 1000}s`;
      }
    }
    return null;
  }
}

/** Invariants 1–3 after a step; null when they hold. */
export function checkStep(lab: MemoryLab, watch: TransitionWatch, figures?: Figures): string | null {
  const [a, b] = lab.sim.nodes as [(typeof lab.sim.nodes)[0], (typeof lab.sim.nodes)[0]];
  const pa = pairNode(a);
  const pb = pairNode(b);
  const isSettled = settled(lab);
  const row = findRow(pa, pb);
  const extra = row ? null : findExtraPair(pa, pb);
  if (figures) {
    const key = `${label(pa)}  +  ${label(pb)}`;
    const seen = figures.pairs.get(key) ?? { count: 0, settled: false, row: row ? `row ${row.row.row}` : extra ? `README: ${extra.name}` : "-" };
    seen.count += 1;
    seen.settled ||= isSettled;
    figures.pairs.set(key, seen);
  }
  // 1. A settled pair is documented.
  if (isSettled && !row && !extra) return `settled in a pair no row describes: ${label(pa)} + ${label(pb)}`;
  // 2. Never two nodes in backup mode; no user served by a node that is down.
  const backup = (s: string) => s === STATE.BACKUP || s === STATE.BACKUP_ACTIVATED;
  if (backup(a.state) && backup(b.state) && !pa.unreachable && !pb.unreachable) return `both nodes in backup mode: ${label(pa)} + ${label(pb)}`;
  if (isSettled) {
    for (const n of lab.sim.nodes) {
      const peer = lab.sim.nodes.find((x) => x.id !== n.id)!;
      const stranded = lab.users.filter((u) => u.serving === n.id).length;
      // Users of a node that is down wait only until a healthy, reachable peer takes them.
      if (n.power !== "ON" && stranded > 0 && canServeUsers(peer) && unreachableBecause(peer) === null && peer.state !== STATE.FAILED_MODE) {
        return `${stranded} users left on powered-off node${n.id} while node${peer.id} (${peer.state} / ${peer.reason}) could serve them`;
      }
    }
  }
  // 3. Every transitional state ends.
  return watch.check(lab);
}

/** Invariant 4: heal every fault, follow the offered actions, and reach Normal / Normal with every user home, without a reboot. */
export function healAndReturn(lab: MemoryLab): string | null {
  for (const n of lab.sim.nodes) {
    if (n.power === "OFF") lab.fault(n.id, "power-on");
    if (n.isolated) lab.fault(n.id, "restore-network");
  }
  lab.advance(lab.lab.bootSeconds + lab.lab.srmStartSeconds + 1);
  for (const n of lab.sim.nodes) {
    if (n.services[SRM_SERVICE] !== "STARTED") lab.fault(n.id, "start-srm");
  }
  // Start what the faults stopped; the critical services an SRM stopped itself stay its business.
  for (const n of lab.sim.nodes) {
    for (const [s, status] of Object.entries(n.services)) {
      if (status !== "STARTED" && s !== SRM_SERVICE && (s === DB_SERVICE || !n.servicesStoppedBySrm)) lab.service(n.id, s, "start");
    }
  }
  for (let round = 0; round < 12; round++) {
    for (let wait = 0; wait < 20 && !settled(lab); wait++) lab.advance(30);
    if (!settled(lab)) return `never settled while healing: ${lab.sim.nodes.map((n) => `${n.state} / ${n.reason}`).join(" + ")}`;
    const [a, b] = lab.sim.nodes;
    if (a!.state === STATE.NORMAL && b!.state === STATE.NORMAL) {
      const away = lab.users.filter((u) => u.serving !== u.assigned).length;
      return away === 0 ? null : `Normal / Normal with ${away} users away from their assigned node`;
    }
    const allowed = lab.view().allowedActions();
    if (allowed.recover) lab.act("recover");
    else if (allowed.fallback.length) lab.act("fallback", allowed.fallback[0]);
    else return `no way out of ${lab.sim.nodes.map((n) => `${n.state} / ${n.reason}`).join(" + ")}: nothing offered and no timer running`;
  }
  return "did not return to Normal / Normal after 12 offered actions";
}

/** Runs one sequence; throws with the steps so far on the first violation. */
export function runSequence(steps: readonly Step[], figures?: Figures, opts?: ConstructorParameters<typeof MemoryLab>[0]): void {
  const lab = new MemoryLab(opts);
  const watch = new TransitionWatch();
  const done: string[] = [];
  const fail = (why: string) => {
    throw new Error(`${why}\n  after: ${done.join(" → ")}\n  history:\n    ${lab.history.slice(-25).join("\n    ")}`);
  };
  for (const s of steps) {
    applyStep(lab, s);
    done.push(describeStep(s));
    if (figures) figures.steps += 1;
    const why = checkStep(lab, watch, figures);
    if (why) fail(why);
  }
  const why = healAndReturn(lab);
  if (why) fail(why);
  if (figures) figures.sequences += 1;
}
