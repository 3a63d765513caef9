import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { MemoryLab } from "../ha/lab/memory-lab.ts";
import { NotAllowed, type Fault, type GroupMachine, type ServiceAction } from "../ha/machine.ts";
import { cloneGroup, type GroupSim, type HaEventRecord, type MoveUsers } from "../ha/model.ts";
import type { HaAction } from "../ha/names.ts";
import { unreachableBecause } from "../ha/reachability.ts";
import { findRow } from "../ha/table2.ts";
import { keyedError } from "../http/errors.ts";
import type { ClusterParameters } from "../params/definitions.ts";

export type WhatIf =
  | { kind: "action"; action: HaAction; node?: number }
  | { kind: "fault"; node: number; fault: Fault; service?: string }
  | { kind: "service"; node: number; service: string; action: ServiceAction }
  | { kind: "parameters"; params: ClusterParameters }
  | { kind: "ha"; enabled: boolean };

export interface PreviewNode {
  nodeId: number;
  hostName: string;
  state: string;
  reason: string;
  unreachable: boolean;
}

export interface PreviewSituation {
  at: number;
  nodes: PreviewNode[];
  /** Table 2's row for the pair, and what it recommends. */
  row: number | null;
  recommendedAction: string | null;
}

export interface Preview {
  /** False when the SRM would refuse the input now; `refusal` says why. Nothing else follows then. */
  allowed: boolean;
  refusal: string | null;
  from: number;
  /** Lab time of the last change foreseen (or the horizon when timers still run then). */
  until: number;
  /** Whether no SRM timer is left at `until`: the group has settled. */
  settled: boolean;
  /** The history rows the controller would write, oldest first. */
  events: HaEventRecord[];
  situations: PreviewSituation[];
  userMoves: { at: number; from: number; to: number; users: number }[];
  /** Users each node serves before and after. */
  users: { nodeId: number; before: number; after: number }[];
  allowedAfter: { failover: number[]; fallback: number[]; recover: boolean };
}

/** How far ahead a preview looks for timers: past the 30-minute automatic fallback. */
export const PREVIEW_HORIZON_MS = 2 * 60 * 60 * 1000;

interface Step {
  events: HaEventRecord[];
  moves: MoveUsers[];
  sim: GroupSim;
}

/**
 * The in-memory lab, started from a copy of a live group instead of a fresh
 * pair, recording each step's history rows and user moves (MemoryLab keeps
 * only the history as text). The steps are MemoryLab's, which are the
 * controller's: runStep, timers fired each at its own moment.
 */
class RecordingLab extends MemoryLab {
  /** Unset while MemoryLab's constructor enables HA on its own fresh pair, before the copy replaces it. */
  private recording?: Step[];
  refusal: string | null = null;

  static from(sim: GroupSim, now: number, params: ClusterParameters, lab: MemoryLab["lab"]): RecordingLab {
    const r = new RecordingLab({ users: [0, 0] });
    r.sim = cloneGroup(sim);
    r.now = now;
    r.params = params;
    r.lab = lab;
    return r;
  }

  record() {
    this.recording = [];
    return this.recording;
  }

  override input(actor: string, fn: (m: GroupMachine) => void, now = this.now): boolean {
    let machine: GroupMachine | undefined;
    const done = super.input(
      actor,
      (m) => {
        machine = m;
        try {
          fn(m);
        } catch (err) {
          if (err instanceof NotAllowed) this.refusal = err.message;
          throw err;
        }
      },
      now,
    );
    if (done && machine && this.recording) this.recording.push({ events: [...machine.events], moves: [...machine.moves], sim: this.sim });
    return done;
  }
}

function nodesOf(sim: GroupSim): PreviewNode[] {
  return sim.nodes.map((n) => ({
    nodeId: n.id,
    hostName: n.hostName,
    state: n.state,
    reason: n.reason,
    unreachable: sim.haEnabled && unreachableBecause(n) !== null,
  }));
}

function situation(at: number, sim: GroupSim): PreviewSituation {
  const nodes = nodesOf(sim);
  // An unreachable node's peer names why (rows 16-17); other rows are read from the states alone (row 24 with an SRM stopped).
  const plain = (n: PreviewNode) => ({ ...n, unreachable: false });
  const found = nodes.length === 2 ? (findRow(nodes[0]!, nodes[1]!) ?? findRow(plain(nodes[0]!), plain(nodes[1]!))) : null;
  return { at, nodes, row: found?.row.row ?? null, recommendedAction: found?.row.recommendedAction ?? null };
}

/**
 * What an input would do to a group: the same state machine run on a copy of
 * the group as the controller holds it, from the lab time now until it
 * settles. Nothing is written and the controller is not touched.
 */
export async function previewChange(db: Db, controller: HaController, groupId: number, input: WhatIf, actor: string): Promise<Preview> {
  const sim = controller.snapshotOf(groupId);
  const ids = sim.nodes.map((n) => n.id);
  if ((input.kind === "fault" || input.kind === "service" || (input.kind === "action" && input.node !== undefined)) && !ids.includes(input.node!)) {
    throw keyedError("validation_failed", { key: "planning.nodeNotInThisGroup", values: { node: String(input.node) } }, { node: { key: "planning.mustBeGroupNode" } });
  }
  const serving = await db.endUser.groupBy({
    by: ["assignedNodeId", "servingNodeId"],
    where: { servingNodeId: { in: ids } },
    _count: { _all: true },
  });
  const counts = serving.map((r) => ({ assigned: r.assignedNodeId, serving: r.servingNodeId!, n: r._count._all }));
  const servedBy = (id: number) => counts.filter((c) => c.serving === id).reduce((s, c) => s + c.n, 0);
  const before = new Map(ids.map((id) => [id, servedBy(id)]));

  const from = controller.clock.now();
  const lab = RecordingLab.from(sim, from, controller.clusterParameters, controller.labSettings);
  if (input.kind === "ha") lab.sim = { ...lab.sim, haEnabled: !input.enabled };
  // Timers already due fire first, as the controller's tick does before an input; they are not the input's doing.
  lab.advance(0);
  const steps = lab.record();

  let allowed: boolean;
  switch (input.kind) {
    case "action":
      allowed = lab.input(actor, (m) => m.adminAction(input.action, input.node));
      break;
    case "fault":
      allowed = lab.input(actor, (m) => m.fault(input.node, input.fault, input.service));
      break;
    case "service":
      allowed = lab.input(actor, (m) => m.serviceAction(input.node, input.service, input.action));
      break;
    case "parameters":
      lab.params = input.params;
      allowed = lab.input(actor, () => {});
      break;
    case "ha":
      allowed = lab.input(actor, (m) => (input.enabled ? m.enableHa() : m.disableHa()));
      break;
  }

  let settled = true;
  if (allowed) {
    for (let guard = 0; guard < 10_000; guard++) {
      const next = lab.view().nextDeadline();
      if (next === null) break;
      if (next > from + PREVIEW_HORIZON_MS) {
        settled = false;
        break;
      }
      lab.advance((next - lab.now) / 1000);
    }
  }

  const events = steps.flatMap((s) => s.events);
  const situations: PreviewSituation[] = [situation(from, sim)];
  const userMoves: Preview["userMoves"] = [];
  for (const step of steps) {
    const at = step.events.at(-1)?.at ?? lab.now;
    for (const move of step.moves) {
      let moved = 0;
      for (const c of counts) {
        if (c.serving === move.from && (move.assignedTo === undefined || c.assigned === move.assignedTo)) {
          c.serving = move.to;
          moved += c.n;
        }
      }
      userMoves.push({ at, from: move.from, to: move.to, users: moved });
    }
    const s = situation(at, step.sim);
    const last = situations.at(-1)!;
    if (JSON.stringify(s.nodes) !== JSON.stringify(last.nodes)) situations.push(s);
  }
  const until = settled ? (events.at(-1)?.at ?? from) : from + PREVIEW_HORIZON_MS;
  return {
    allowed,
    refusal: allowed ? null : (lab.refusal ?? "Not allowed in the current state"),
    from,
    until,
    settled,
    events,
    situations,
    userMoves,
    users: ids.map((id) => ({ nodeId: id, before: before.get(id)!, after: servedBy(id) })),
    allowedAfter: lab.view().allowedActions(),
  };
}
