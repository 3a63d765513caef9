import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { say, type EventValue } from "../ha/event-text.ts";
import { REASON, STATE } from "../ha/names.ts";
import { writeHistory } from "../ha/repository.ts";
import { findRow } from "../ha/table2.ts";
import { keyedError } from "../http/errors.ts";
import type { Scheduler } from "../schedule/scheduler.ts";
import { scenarioSchema, type Scenario } from "./scenario.ts";

export type DrillStatus = "running" | "passed" | "failed" | "abandoned";

export interface TimelineEntry {
  at: number;
  /** Lab seconds since the drill started. */
  offsetSeconds: number;
  /** Who: the drill's own steps, the trainee (anyone else), or the SRM. */
  source: "drill" | "trainee" | "srm";
  kind: string;
  nodeId: number | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  actor: string;
  message: string;
  /** The history row's catalogue message (history-text), null on rows from before keys were kept. */
  messageKey: string | null;
  messageValues: Record<string, EventValue> | null;
}

export interface Situation {
  at: number;
  offsetSeconds: number;
  nodes: { nodeId: number; state: string; reason: string }[];
  row: number | null;
  recommendedAction: string | null;
}

export interface DrillResult {
  id: number;
  groupId: number;
  name: string;
  status: DrillStatus;
  startedBy: string;
  startedAt: number;
  deadline: number;
  endedAt: number | null;
  /** Lab seconds from the start to the goal met (or to the end, when it was not). */
  timeTakenSeconds: number | null;
  goalMet: boolean;
  recovery: string;
  timeline: TimelineEntry[];
  situations: Situation[];
}

export interface Drills {
  start(groupId: number, scenario: Scenario, by: string): Promise<DrillResult>;
  abandon(runId: number, by: string): Promise<DrillResult>;
  result(runId: number): Promise<DrillResult>;
  list(groupId?: number): Promise<DrillResult[]>;
  stop(): void;
  /** Resolves when every goal check queued so far has run. */
  settled(): Promise<void>;
}

const NODE_INDEX = { node1: 0, node2: 1 } as const;

/**
 * Runs drills on a group through the scheduler (each timed step is a
 * scheduled row, so a drill survives a restart like a maintenance window)
 * and scores them: after every change of a group running a drill, the goal
 * is checked (both nodes Normal and healthy, every user on its assigned
 * node, every step done); at the time limit an unmet goal fails the drill.
 */
export function startDrills(db: Db, controller: HaController, scheduler: Scheduler): Drills {
  let chain: Promise<void> = Promise.resolve();
  const queue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((err: unknown) => console.error(err));
    return chain;
  };

  async function goalMet(runId: number, groupId: number): Promise<boolean> {
    if (!controller.knowsGroup(groupId)) return false;
    const status = controller.groupStatus(groupId);
    // Normal with a fault still at work (a service down within its delay, a node off, an armed lab fault) is not back to health.
    const healthy = (n: (typeof status.nodes)[number]) =>
      n.state === STATE.NORMAL && n.power === "ON" && !n.isolated && n.srmRunning && !n.faults.startFailure && !n.faults.moveFailure && n.timers.length === 0;
    if (!status.haEnabled || status.operation || status.groupTimers.length > 0 || !status.nodes.every(healthy)) return false;
    const ids = status.nodes.map((n) => n.id);
    const [away, pending] = await Promise.all([
      db.endUser.count({
        where: {
          assignedNodeId: { in: ids },
          OR: [{ servingNodeId: null }, { NOT: { servingNodeId: { equals: db.endUser.fields.assignedNodeId } } }],
        },
      }),
      db.scheduledAction.count({ where: { drillRunId: runId, status: { in: ["pending", "running"] }, NOT: { kind: "drill-end" } } }),
    ]);
    return away === 0 && pending === 0;
  }

  /** Ends a running drill (conditional, so the goal check and the deadline cannot both end it). */
  async function end(runId: number, status: DrillStatus, at: number): Promise<boolean> {
    const { count } = await db.drillRun.updateMany({ where: { id: runId, status: "running" }, data: { status, endedAt: BigInt(at) } });
    if (count === 1) await scheduler.cancelRun(runId);
    return count === 1;
  }

  const unsubscribe = controller.onChange((notice) => {
    // Only the leader ends drills; followers see the same notices relayed and would only read for nothing.
    if (notice.groupId === null || !controller.leading) return;
    const groupId = notice.groupId;
    void queue(async () => {
      const runs = await db.drillRun.findMany({ where: { groupId, status: "running" } });
      for (const run of runs) if (await goalMet(run.id, groupId)) await end(run.id, "passed", notice.at);
    });
  });

  scheduler.handle("drill-end", async (row) => {
    const runId = row.drillRunId!;
    await chain;
    const run = await db.drillRun.findUnique({ where: { id: runId } });
    if (!run || run.status !== "running") return "already ended";
    const met = await goalMet(runId, run.groupId);
    await end(runId, met ? "passed" : "failed", Number(run.deadline));
    return met ? "goal met" : "time limit reached: goal not met";
  });

  async function result(runId: number): Promise<DrillResult> {
    const run = await db.drillRun.findUnique({ where: { id: runId } });
    if (!run) throw keyedError("not_found", { key: "planning.noDrillRun", values: { id: String(runId) } });
    const scenario = scenarioSchema.parse(JSON.parse(run.scenario));
    const startedAt = Number(run.startedAt);
    const endedAt = run.endedAt === null ? null : Number(run.endedAt);
    const events = await db.haEvent.findMany({
      where: { groupId: run.groupId, at: { gte: new Date(startedAt), ...(endedAt !== null ? { lte: new Date(endedAt) } : {}) } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    const drillActor = `drill #${run.id}`;
    const timeline: TimelineEntry[] = events.map((e) => ({
      at: e.at.getTime(),
      offsetSeconds: (e.at.getTime() - startedAt) / 1000,
      source: e.actor === drillActor ? "drill" : e.actor === "SRM" ? "srm" : "trainee",
      kind: e.kind,
      nodeId: e.nodeId,
      fromState: e.fromState,
      toState: e.toState,
      reason: e.reason,
      actor: e.actor,
      message: e.message,
      messageKey: e.messageKey,
      messageValues: e.messageValues as Record<string, EventValue> | null,
    }));
    return {
      id: run.id,
      groupId: run.groupId,
      name: scenario.name,
      status: run.status as DrillStatus,
      startedBy: run.startedBy,
      startedAt,
      deadline: Number(run.deadline),
      endedAt,
      timeTakenSeconds: endedAt === null ? null : (endedAt - startedAt) / 1000,
      goalMet: run.status === "passed",
      recovery: scenario.recovery,
      timeline,
      situations: situationsOf(timeline, run.groupId),
    };
  }

  /** The state pair after each change, with Table 2's row and the recommended action for it. */
  function situationsOf(timeline: TimelineEntry[], groupId: number): Situation[] {
    if (!controller.knowsGroup(groupId)) return [];
    const status = controller.groupStatus(groupId);
    const ids = status.nodes.map((n) => n.id);
    // A drill starts with both nodes Normal.
    const current = new Map(ids.map((id) => [id, { state: STATE.NORMAL as string, reason: REASON.NORMAL as string }]));
    const out: Situation[] = [];
    for (let i = 0; i < timeline.length; i++) {
      const t = timeline[i]!;
      if (t.kind !== "state" || t.nodeId === null || !current.has(t.nodeId)) continue;
      // The history writes the state as "state / reason".
      const reason = t.reason ?? "";
      const state = t.toState ?? "";
      current.set(t.nodeId, { state: reason && state.endsWith(` / ${reason}`) ? state.slice(0, -` / ${reason}`.length) : state, reason });
      // Changes at one moment make one situation.
      if (timeline.slice(i + 1).some((n) => n.at === t.at && n.kind === "state")) continue;
      const nodes = ids.map((id) => ({ nodeId: id, ...current.get(id)! }));
      const row = nodes.length === 2 ? rowOf(nodes[0]!, nodes[1]!) : null;
      out.push({ at: t.at, offsetSeconds: t.offsetSeconds, nodes, row: row?.row ?? null, recommendedAction: row?.recommendedAction ?? null });
    }
    return out;
  }

  return {
    async start(groupId, scenario, by) {
      const runId = await controller.exclusive(async () => {
        // Answers 404 for a group the controller does not hold.
        const status = controller.groupStatus(groupId);
        if (status.nodes.length !== 2 || !status.haEnabled || status.operation || !status.nodes.every((n) => n.state === STATE.NORMAL)) {
          throw keyedError("conflict", { key: "planning.drillNeedsNormal", values: { normal: { key: "ha.state.Normal" } } });
        }
        if (await db.drillRun.count({ where: { groupId, status: "running" } })) {
          throw keyedError("conflict", { key: "planning.drillRunning" });
        }
        const now = controller.clock.now();
        const run = await db.drillRun.create({
          data: {
            groupId,
            scenario: JSON.stringify(scenario),
            startedBy: by,
            startedAt: BigInt(now),
            deadline: BigInt(now + scenario.timeLimitSeconds * 1000),
          },
        });
        return { run, nodes: status.nodes.map((n) => n.id), now };
      });
      const { run, nodes, now } = runId;
      for (const step of scenario.steps) {
        const runAt = now + Math.round(step.atSeconds * 1000);
        const base = { groupId, runAt, createdBy: by, drillRunId: run.id };
        if (step.kind === "fault") await scheduler.add({ ...base, kind: "fault", nodeId: nodes[NODE_INDEX[step.node]]!, fault: step.fault, service: step.service });
        else if (step.kind === "service")
          await scheduler.add({ ...base, kind: "service", nodeId: nodes[NODE_INDEX[step.node]]!, fault: step.action, service: step.service });
        else if (step.kind === "action") await scheduler.add({ ...base, kind: step.action, nodeId: nodes[NODE_INDEX[step.node]]! });
        else await scheduler.add({ ...base, kind: "recover" });
      }
      await scheduler.add({ groupId, runAt: Number(run.deadline), createdBy: by, drillRunId: run.id, kind: "drill-end" });
      return result(run.id);
    },

    async abandon(runId, by) {
      const run = await db.drillRun.findUnique({ where: { id: runId } });
      if (!run) throw keyedError("not_found", { key: "planning.noDrillRun", values: { id: String(runId) } });
      const at = controller.clock.now();
      if (!(await end(runId, "abandoned", at))) throw keyedError("conflict", { key: "planning.drillEnded", values: { id: String(runId) } });
      await writeHistory(db, at, [{ kind: "action", actor: by, groupId: run.groupId, text: say("event.drillAbandoned", { run: String(runId) }) }]);
      return result(runId);
    },

    result,

    async list(groupId) {
      const runs = await db.drillRun.findMany({ where: groupId ? { groupId } : {}, orderBy: { id: "desc" }, take: 50, select: { id: true } });
      return Promise.all(runs.map((r) => result(r.id)));
    },

    stop: unsubscribe,
    settled: async () => {
      await chain;
    },
  };
}

function rowOf(a: { state: string; reason: string }, b: { state: string; reason: string }) {
  // History does not record reachability: rows 16-17 are the ones whose backup names a lost peer.
  const found = findRow(a, b) ?? findRow({ ...a, unreachable: true }, b) ?? findRow(a, { ...b, unreachable: true });
  return found?.row ?? null;
}
