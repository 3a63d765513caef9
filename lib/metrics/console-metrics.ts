import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { NodeCounters } from "../clients/sim.ts";
import type { ChangeNotice, HaController } from "../ha/controller.ts";
import { STATE, type NodeState } from "../ha/names.ts";

/** The first part of a history row's "State / Reason" text. */
const stateOf = (text: string | null) => text?.split(" / ")[0] as NodeState | undefined;

/**
 * The console's Prometheus metrics, one registry per runtime. Node states are
 * read from the controller at each scrape, so they are never stale; counts
 * come from the controller's change notices as the steps happen.
 */
export class ConsoleMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  private readonly failovers: Counter<"group" | "reason">;
  private readonly fallbacks: Counter<"group" | "reason">;
  private readonly userMoves: Counter<"group">;
  private readonly timerLag: Histogram;
  private readonly operationDuration: Histogram<"kind" | "outcome">;
  /** Per group, the operation that began and its lab start: a failover (Taking Over) or a fallback (Taking Back). */
  private readonly operations = new Map<number, { kind: "failover" | "fallback"; at: number }>();

  /** `jsm` reads the five JSM session counters of each node (lib/clients), as RTMT shows them. */
  constructor(controller: HaController, jsm?: () => (NodeCounters & { hostName: string })[]) {
    if (jsm) {
      const COUNTERS = ["ActiveJsmSessions", "InactiveJsmSessions", "JsmSessionsComposed", "JsmSessionsClient", "JsmSessionsClientInactive"] as const;
      new Gauge({
        name: "prg_jsm_sessions",
        help: "The JSM session counters of each IM and Presence node (RTMT's Cisco Presence Engine counters), by counter",
        labelNames: ["node", "counter"],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const n of jsm()) for (const counter of COUNTERS) this.set({ node: n.hostName, counter }, n[counter]);
        },
      });
    }
    new Gauge({
      name: "prg_node_state",
      help: "1 for the HA state each IM and Presence node is in now, 0 for the others",
      labelNames: ["node", "group", "state"],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const group of controller.allStatuses()) {
          for (const node of group.nodes) {
            for (const state of Object.values(STATE)) {
              this.set({ node: node.hostName, group: group.groupName, state }, node.state === state ? 1 : 0);
            }
          }
        }
      },
    });
    this.failovers = new Counter({
      name: "prg_failovers_total",
      help: "Failovers begun (a node starts Taking Over its peer's users), by group and reason",
      labelNames: ["group", "reason"],
      registers: [this.registry],
    });
    this.fallbacks = new Counter({
      name: "prg_fallbacks_total",
      help: "Fallbacks begun (a node starts Taking Back its users), by group and reason",
      labelNames: ["group", "reason"],
      registers: [this.registry],
    });
    this.userMoves = new Counter({
      name: "prg_user_moves_total",
      help: "User moves the SRM made between the nodes of a group (each moves every user it concerns at once)",
      labelNames: ["group"],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: "prg_http_request_duration_seconds",
      help: "Time to answer API requests, by catalogue route (its path template), method and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.timerLag = new Histogram({
      name: "prg_controller_timer_lag_seconds",
      help:
        "Wall time from an SRM timer's due moment to its step being persisted (the controller's wake-up delay plus the database write), " +
        "for steps the SRM's timers made",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.operationDuration = new Histogram({
      name: "prg_ha_operation_duration_seconds",
      help: "Lab seconds from the start of a failover or fallback (Taking Over / Taking Back) to its end, by kind and outcome (done, failed)",
      labelNames: ["kind", "outcome"],
      buckets: [1, 5, 10, 20, 30, 60, 120, 300, 600, 1200],
      registers: [this.registry],
    });
    controller.onChange((notice) => this.count(controller, notice));
  }

  private count(controller: HaController, notice: ChangeNotice) {
    if (notice.groupId === null || !controller.knowsGroup(notice.groupId)) return;
    // A timer's step carries its due moment; a step an admin or a fault made carries no lag to measure.
    const events = notice.events ?? [];
    if (events.length > 0 && events.every((e) => e.actor === "SRM")) {
      const due = Math.min(...events.map((e) => e.at));
      this.timerLag.observe(Math.max(0, notice.at - due) / 1000 / controller.labSettings.speed);
    }
    const group = controller.groupStatus(notice.groupId).groupName;
    for (const event of notice.events ?? []) {
      if (event.kind !== "state") continue;
      const reason = event.reason ?? "";
      const to = stateOf(event.toState);
      if (to === STATE.TAKING_OVER) this.failovers.inc({ group, reason });
      if (to === STATE.TAKING_BACK) this.fallbacks.inc({ group, reason });
      this.timeOperation(notice.groupId, to, event.at);
    }
    if (notice.userMoves) this.userMoves.inc({ group }, notice.userMoves);
  }

  /** An operation ends when its taker serves the users (Running in Backup Mode, or Normal after a take-back) or fails. */
  private timeOperation(groupId: number, to: NodeState | undefined, at: number) {
    const running = this.operations.get(groupId);
    if (to === STATE.TAKING_OVER || to === STATE.TAKING_BACK) {
      if (!running) this.operations.set(groupId, { kind: to === STATE.TAKING_OVER ? "failover" : "fallback", at });
      return;
    }
    if (!running) return;
    const done = running.kind === "failover" ? to === STATE.BACKUP : to === STATE.NORMAL;
    const failed = to === STATE.FAILED_MODE || to === STATE.UNKNOWN;
    if (!done && !failed) return;
    this.operations.delete(groupId);
    this.operationDuration.observe({ kind: running.kind, outcome: done ? "done" : "failed" }, (at - running.at) / 1000);
  }
}
