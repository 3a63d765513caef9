import { EventEmitter } from "node:events";
import type { Db } from "../db/client.ts";
import type { ChangeNotice, HaController } from "../ha/controller.ts";
import type { HaEventRecord } from "../ha/model.ts";
import { REASON, STATE } from "../ha/names.ts";
import { canServeUsers } from "../ha/reachability.ts";
import { readNodeParameters } from "../params/service.ts";
import { summarize, type OutageKind } from "./outage.ts";
import { CLIENT_KINDS, ClientSim, type ClientKind, type ClientProfile, type MovedClient, type NodeCounters, type NodeInfo } from "./sim.ts";

export interface NodeCountersView extends NodeCounters {
  nodeId: number;
  hostName: string;
  groupId: number | null;
}

/** Pages get counters at most this often, however many clients reconnect meanwhile. */
export const COUNTERS_THROTTLE_MS = 1000;

const kindCode = (p: ClientProfile) => CLIENT_KINDS.indexOf(p.kind) * 4 + (p.secure ? 2 : 0) + (p.dual ? 1 : 0) + 1;

interface Fingerprint {
  n: number;
  ids: number;
  serving: number;
  assigned: number;
  profile: number;
}

function kindOf(report: { events?: readonly HaEventRecord[] }, moves: readonly { to: number; assignedTo?: number }[]): OutageKind {
  const events = report.events ?? [];
  const reasons = new Set(events.map((e) => e.reason));
  const states = new Set(events.map((e) => e.toState));
  if (reasons.has(REASON.AUTO_RECOVER_CSD) || reasons.has(REASON.AUTO_RECOVER_DB) || states.has(STATE.BACKUP_ACTIVATED) || states.has(STATE.FAILOVER_AFFECTED)) {
    return "auto-recovery";
  }
  if (moves.some((m) => m.assignedTo !== undefined && m.assignedTo === m.to) || states.has(STATE.TAKING_BACK) || states.has(STATE.FALLING_BACK)) {
    return "fallback";
  }
  return "failover";
}

/**
 * The simulated clients of every signed-in end user, following the users the
 * controller moves (its change notices carry the moves) and, for changes
 * made elsewhere (users added, deleted, re-assigned by the Sync Agent,
 * client kinds changed), the database: `reconcile` compares a fingerprint of
 * the signed-in users with the simulation's and re-reads them only when they
 * differ. Every move of the SRM gets an outage report.
 */
export class ClientFleet {
  readonly sim: ClientSim;
  private readonly emitter = new EventEmitter();
  private unsubscribe: () => void = () => {};
  private writes: Promise<unknown> = Promise.resolve();
  private reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  private countersTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSent = "";
  private stopped = false;

  private constructor(
    private db: Db,
    private controller: HaController,
    seed: number,
    /** Tests reconcile by hand; the server debounces after each notice. */
    private autoReconcile: boolean,
  ) {
    this.sim = new ClientSim(seed);
    this.emitter.setMaxListeners(0);
  }

  static async start(db: Db, controller: HaController, options: { seed?: number; autoReconcile?: boolean } = {}): Promise<ClientFleet> {
    const fleet = new ClientFleet(db, controller, options.seed ?? 1, options.autoReconcile ?? true);
    await fleet.reconcile();
    fleet.unsubscribe = controller.onChange((notice) => fleet.onNotice(notice));
    return fleet;
  }

  async stop() {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.reconcileTimer);
    clearTimeout(this.countersTimer);
    await this.writes;
  }

  /** Resolves when every outage report of the moves so far is stored. */
  settled(): Promise<unknown> {
    return this.writes;
  }

  /** Connections to a node that stops serving users drop at the moment it stops. */
  private followNodes(statuses: ReturnType<HaController["allStatuses"]>, at: number) {
    for (const s of statuses) for (const n of s.nodes) this.sim.setUp(n.id, canServeUsers(n), at);
  }

  private onNotice(notice: ChangeNotice) {
    const moves = notice.moves ?? [];
    if (notice.groupId !== null && this.controller.knowsGroup(notice.groupId)) {
      this.followNodes([this.controller.groupStatus(notice.groupId)], notice.at);
    }
    if (moves.length > 0 && notice.groupId !== null) {
      const moved: MovedClient[] = [];
      for (const m of moves) moved.push(...this.sim.move(m.from, m.to, notice.at, m.assignedTo));
      if (moved.length > 0) this.report(notice.groupId, kindOf(notice, moves), moves[0]!.from, moves[0]!.to, notice.at, moved);
    }
    this.countersChanged();
    // Heartbeats change nothing a client sees; group, parameter and move notices may.
    if (this.autoReconcile && !this.stopped && (notice.groupId === null || moves.length > 0)) {
      clearTimeout(this.reconcileTimer);
      this.reconcileTimer = setTimeout(() => void this.reconcile().catch((err: unknown) => console.error(err)), 250);
      this.reconcileTimer.unref?.();
    }
  }

  private report(groupId: number, kind: OutageKind, from: number, to: number, at: number, moved: MovedClient[]) {
    // Every instance simulates the clients from the same notices; the leader alone keeps the report.
    if (!this.controller.leading) return;
    const s = summarize(moved);
    this.writes = this.writes.then(() =>
      this.db.outageReport
        .create({ data: { groupId, kind, fromNodeId: from, toNodeId: to, at: new Date(at), ...s, series: s.series as unknown as object[] } })
        .catch((err: unknown) => console.error(err)),
    );
  }

  onCounters(listener: (counters: NodeCountersView[]) => void): () => void {
    this.emitter.on("counters", listener);
    return () => this.emitter.off("counters", listener);
  }

  /**
   * Sends the counters to open pages when they changed, at most once per
   * COUNTERS_THROTTLE_MS of real time, and keeps looking while clients are
   * still coming back.
   */
  private countersChanged() {
    if (this.countersTimer !== undefined || this.stopped || this.emitter.listenerCount("counters") === 0) return;
    this.countersTimer = setTimeout(() => {
      this.countersTimer = undefined;
      const counters = this.counters();
      const key = JSON.stringify(counters);
      const pending = counters.some((c) => c.waitingRelogin + c.waitingPush + c.openingInactive + c.stalePresence > 0);
      if (key !== this.lastSent) {
        this.lastSent = key;
        this.emitter.emit("counters", counters);
      }
      if (pending) this.countersChanged();
    }, COUNTERS_THROTTLE_MS);
    this.countersTimer.unref?.();
  }

  private lastReconciled = -Infinity;

  /** Before an answer: users added, deleted or changed since the last look (at most once a second). */
  async fresh(): Promise<void> {
    if (Date.now() - this.lastReconciled < COUNTERS_THROTTLE_MS) return;
    await this.reconcile();
  }

  /** Every node's counters now. */
  counters(): NodeCountersView[] {
    const now = this.controller.clock.now();
    return this.controller.allStatuses().flatMap((s) =>
      s.nodes.map((n) => ({ nodeId: n.id, hostName: n.hostName, groupId: s.groupId, ...this.sim.counters(n.id, now, canServeUsers(n)) })),
    );
  }

  private fingerprint(): Fingerprint {
    const f: Fingerprint = { n: 0, ids: 0, serving: 0, assigned: 0, profile: 0 };
    for (const c of this.sim.clients.values()) {
      f.n++;
      f.ids += c.id;
      f.serving += c.id * (c.node ?? 0);
      f.assigned += c.id * (c.assigned ?? 0);
      f.profile += c.id * kindCode(c.profile);
    }
    return f;
  }

  /** Whether the signed-in users stored are the simulation's clients. */
  private matches(stored: Fingerprint): boolean {
    return JSON.stringify(stored) === JSON.stringify(this.fingerprint());
  }

  private async storedFingerprint(): Promise<Fingerprint> {
    const [row] = await this.db.$queryRaw<{ n: bigint; ids: bigint | null; serving: bigint | null; assigned: bigint | null; profile: bigint | null }[]>`
      SELECT count(*) AS n, sum(id)::bigint AS ids,
        sum(id::bigint * coalesce("servingNodeId", 0))::bigint AS serving,
        sum(id::bigint * coalesce("assignedNodeId", 0))::bigint AS assigned,
        sum(id::bigint * ((CASE "clientKind" WHEN 'mobile' THEN 1 WHEN 'ios-background' THEN 2 ELSE 0 END) * 4
          + (CASE WHEN "clientSecure" THEN 2 ELSE 0 END) + (CASE WHEN "clientDual" THEN 1 ELSE 0 END) + 1))::bigint AS profile
      FROM "EndUser" WHERE "signedIn"`;
    const n = (v: bigint | null | undefined) => Number(v ?? 0);
    return { n: n(row?.n), ids: n(row?.ids), serving: n(row?.serving), assigned: n(row?.assigned), profile: n(row?.profile) };
  }

  /**
   * Brings the simulation in line with the database: pairs and limits, then
   * users signed in, signed out or deleted, re-assigned, or with a changed
   * client. A change is read again and applied in the controller's turn, so
   * no move interleaves.
   */
  async reconcile(): Promise<void> {
    // Most looks find nothing changed: they read without holding any group, so no group's timer waits for
    // them. A move between those reads and the comparison makes them differ, never agree wrongly.
    const [nodes, stored] = await Promise.all([this.readNodes(), this.storedFingerprint()]);
    if (this.sim.hasNodes(nodes) && this.matches(stored)) {
      this.lastReconciled = Date.now();
      return;
    }
    // A follower's controller moves no users itself (it mirrors the leader's), so it needs no turn there.
    const inTurn = (work: () => Promise<void>) => (this.controller.leading ? this.controller.exclusiveWhenQuiet(work) : work());
    return inTurn(async () => {
      this.lastReconciled = Date.now();
      const now = this.controller.clock.now();
      this.sim.setNodes(await this.readNodes(), now);
      this.followNodes(this.controller.allStatuses(), now);
      if (this.matches(await this.storedFingerprint())) return;
      const rows = await this.db.endUser.findMany({
        where: { signedIn: true },
        select: { id: true, assignedNodeId: true, servingNodeId: true, clientKind: true, clientSecure: true, clientDual: true },
      });
      const seen = new Set<number>();
      const movedTo = new Map<number, number[]>();
      for (const r of rows) {
        seen.add(r.id);
        const profile: ClientProfile = { kind: r.clientKind as ClientKind, secure: r.clientSecure, dual: r.clientDual };
        const c = this.sim.clients.get(r.id);
        if (!c || kindCode(c.profile) !== kindCode(profile) || (c.node === null) !== (r.servingNodeId === null)) {
          this.sim.login(r.id, profile, r.assignedNodeId, r.servingNodeId, now);
          continue;
        }
        this.sim.setAssigned(r.id, r.assignedNodeId);
        if (r.servingNodeId !== null && c.node !== r.servingNodeId) {
          const ids = movedTo.get(r.servingNodeId) ?? [];
          ids.push(r.id);
          movedTo.set(r.servingNodeId, ids);
        }
      }
      for (const id of [...this.sim.clients.keys()]) if (!seen.has(id)) this.sim.remove(id);
      for (const [to, ids] of movedTo) this.sim.moveIds(ids, to, now);
      this.countersChanged();
    });
  }

  private async readNodes(): Promise<Map<number, NodeInfo>> {
    const [nodes, groups] = await Promise.all([
      this.db.node.findMany({ select: { id: true, groupId: true, cluster: { select: { multipleDeviceMessaging: true } } } }),
      this.db.presenceRedundancyGroup.findMany({ select: { id: true, haEnabled: true } }),
    ]);
    const params = await readNodeParameters(this.db, nodes.map((n) => n.id));
    const ha = new Map(groups.map((g) => [g.id, g.haEnabled]));
    const out = new Map<number, NodeInfo>();
    for (const n of nodes) {
      const peer = n.groupId !== null && ha.get(n.groupId) ? nodes.find((o) => o.groupId === n.groupId && o.id !== n.id) : undefined;
      const p = params.get(n.id)!;
      out.set(n.id, {
        peer: peer?.id ?? null,
        reloginLowerMs: p.clientReloginLowerLimit * 1000,
        reloginUpperMs: p.clientReloginUpperLimit * 1000,
        slowdown: n.cluster.multipleDeviceMessaging ? 2 : 1,
      });
    }
    return out;
  }
}
