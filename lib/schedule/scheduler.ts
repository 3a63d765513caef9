import type { Db } from "../db/client.ts";
import type { HaController, WallTimers } from "../ha/controller.ts";
import type { Fault, ServiceAction } from "../ha/machine.ts";
import { englishEventText } from "../ha/event-english.ts";
import { say } from "../ha/event-text.ts";
import { writeHistory } from "../ha/repository.ts";
import { scheduledText, type Describable } from "./describe.ts";
import { ApiError } from "../http/errors.ts";

export const SCHEDULED_KINDS = ["failover", "fallback", "recover", "fault", "service", "drill-end"] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];
export type ScheduledStatus = "pending" | "running" | "done" | "skipped" | "cancelled";

export interface ScheduledRow {
  id: number;
  groupId: number;
  kind: string;
  nodeId: number | null;
  fault: string | null;
  service: string | null;
  runAt: bigint;
  status: string;
  outcome: string;
  createdBy: string;
  claimedBy: string | null;
  finishedAt: bigint | null;
  drillRunId: number | null;
}

export interface NewScheduledAction {
  groupId: number;
  kind: ScheduledKind;
  nodeId?: number | null;
  fault?: string | null;
  service?: string | null;
  runAt: number;
  createdBy: string;
  drillRunId?: number | null;
}

/** Node's setTimeout holds at most about 24 days; longer waits re-arm on the way. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** What a scheduled row of another module's kind does when due (drills end their runs): returns the outcome. */
export type KindHandler = (row: ScheduledRow, at: number) => Promise<string>;

/** What a scheduled row will do, in English. */
export const describeScheduled = (row: Describable, hostName?: string): string => englishEventText(scheduledText(row, hostName));

/**
 * Runs HA inputs planned for a lab time through the controller's own path.
 * It sleeps on the wall clock until the earliest pending row is due at the
 * current lab speed (re-armed when a row is added or cancelled and when the
 * speed changes), like the controller's timers: no polling. A row is claimed
 * with a conditional UPDATE first, so whichever instance or restart sees it
 * due, it runs once. An input the state does not allow then is not forced:
 * the row is marked skipped with the controller's reason and the history says so.
 */
export class Scheduler {
  private wake: unknown;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly handlers = new Map<string, KindHandler>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly controller: HaController,
    private readonly instance: string,
    private readonly wallTimers?: WallTimers,
  ) {
    // A new lab speed changes when, in wall time, the next row is due.
    this.unsubscribe = controller.onChange((n) => {
      if (n.groupId === null) this.rearm();
    });
  }

  /** Starts sleeping until the first pending row; rows already due (the server was down) run now. */
  static start(db: Db, controller: HaController, instance: string, wallTimers?: WallTimers): Scheduler {
    const s = new Scheduler(db, controller, instance, wallTimers);
    s.rearm();
    return s;
  }

  handle(kind: string, handler: KindHandler) {
    this.handlers.set(kind, handler);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.wake !== undefined) this.wallTimers?.clear(this.wake);
    this.wake = undefined;
    await this.chain;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch((err: unknown) => console.error(err));
    return run;
  }

  async add(row: NewScheduledAction): Promise<ScheduledRow> {
    const created = await this.db.scheduledAction.create({
      data: {
        groupId: row.groupId,
        kind: row.kind,
        nodeId: row.nodeId ?? null,
        fault: row.fault ?? null,
        service: row.service ?? null,
        runAt: BigInt(row.runAt),
        createdBy: row.createdBy,
        drillRunId: row.drillRunId ?? null,
      },
    });
    this.rearm();
    return created;
  }

  /** Cancels a pending row (claimed like a run, so a row cannot be both cancelled and run); null when it is no longer pending. */
  async cancel(id: number, where: { drillRunId?: number | null } = {}): Promise<ScheduledRow | null> {
    const at = BigInt(this.controller.clock.now());
    const { count } = await this.db.scheduledAction.updateMany({
      where: { id, status: "pending", ...where },
      data: { status: "cancelled", finishedAt: at },
    });
    this.rearm();
    return count === 1 ? this.db.scheduledAction.findUnique({ where: { id } }) : null;
  }

  /** Cancels every pending row of a drill run. */
  async cancelRun(drillRunId: number): Promise<void> {
    await this.db.scheduledAction.updateMany({
      where: { drillRunId, status: "pending" },
      data: { status: "cancelled", finishedAt: BigInt(this.controller.clock.now()) },
    });
    this.rearm();
  }

  /**
   * Real time: sleeps until the earliest pending row is due, converted to
   * wall time at the lab speed. Called on this instance's own changes; an
   * instance that takes over from another (a new controller leader) calls it
   * to pick up the rows the other one added.
   */
  rearm() {
    if (!this.wallTimers || this.stopped) return;
    void this.serial(async () => {
      const timers = this.wallTimers!;
      if (this.wake !== undefined) timers.clear(this.wake);
      this.wake = undefined;
      if (this.stopped) return;
      const next = await this.db.scheduledAction.findFirst({ where: { status: "pending" }, orderBy: { runAt: "asc" }, select: { runAt: true } });
      if (!next || this.stopped) return;
      const speed = this.controller.labSettings.speed;
      const wallMs = Math.min(LONGEST_WAIT_MS, Math.max(0, Math.ceil((Number(next.runAt) - this.controller.clock.now()) / speed)));
      this.wake = timers.set(() => {
        this.wake = undefined;
        void this.serial(() => this.runDue()).finally(() => this.rearm());
      }, wallMs);
    });
  }

  /** Runs every pending row due by the lab time now, oldest first. */
  async runDue(): Promise<void> {
    // Only the instance running the controller runs rows; another re-arms when it takes the lead (its notice).
    if (!this.controller.leading) return;
    const now = this.controller.clock.now();
    const due = await this.db.scheduledAction.findMany({
      where: { status: "pending", runAt: { lte: BigInt(now) } },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
    });
    for (const row of due) {
      if (this.stopped) return;
      await this.runOne(row);
    }
  }

  /**
   * Virtual time: runs the controller's timers and the scheduled rows up to
   * `target` in order, each row at its own lab time.
   */
  async advanceTo(target: number, setClock: (t: number) => void): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const next = await this.db.scheduledAction.findFirst({
        where: { status: "pending", runAt: { lte: BigInt(target) } },
        orderBy: [{ runAt: "asc" }, { id: "asc" }],
        select: { runAt: true },
      });
      if (!next) break;
      await this.controller.advanceTo(Math.max(Number(next.runAt), this.controller.clock.now()), setClock);
      await this.runDue();
    }
    await this.controller.advanceTo(target, setClock);
  }

  private async runOne(row: ScheduledRow): Promise<void> {
    const claimed = await this.db.scheduledAction.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: "running", claimedBy: this.instance },
    });
    if (claimed.count !== 1) return; // another instance (or a cancel) took it
    let status: ScheduledStatus = "done";
    let outcome = "";
    try {
      outcome = await this.perform(row);
    } catch (err) {
      status = "skipped";
      outcome = err instanceof ApiError || (err instanceof Error && "code" in err) ? err.message : `failed: ${(err as Error).message}`;
    }
    const at = this.controller.clock.now();
    await this.db.scheduledAction.update({ where: { id: row.id }, data: { status, outcome, finishedAt: BigInt(at) } });
    if (status === "skipped" && row.kind !== "drill-end") {
      await writeHistory(this.db, at, [
        {
          kind: "warning",
          actor: "scheduler",
          groupId: this.controller.knowsGroup(row.groupId) ? row.groupId : null,
          nodeId: row.nodeId,
          // The outcome is the controller's refusal, worded in English only.
          text: say("event.scheduledSkipped", { action: scheduledText(row), id: String(row.id), by: row.createdBy, outcome }),
        },
      ]);
    }
  }

  private async perform(row: ScheduledRow): Promise<string> {
    const actor = row.drillRunId !== null ? `drill #${row.drillRunId}` : `${row.createdBy} (scheduled #${row.id})`;
    const c = this.controller;
    switch (row.kind) {
      case "failover":
      case "fallback":
      case "recover":
        await c.action(row.groupId, row.kind, row.kind === "recover" ? undefined : (row.nodeId ?? undefined), actor);
        return "ran";
      case "fault":
        await c.fault(row.nodeId!, row.fault as Fault, actor, row.service ?? undefined);
        return "ran";
      case "service":
        await c.serviceAction(row.nodeId!, row.service!, row.fault as ServiceAction, actor);
        return "ran";
      default: {
        const handler = this.handlers.get(row.kind);
        if (!handler) throw new ApiError("conflict", `Nothing handles scheduled rows of kind ${row.kind} here`);
        return handler(row, c.clock.now());
      }
    }
  }
}
