import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { SESSION_CHANNEL } from "../auth/session-cache.ts";
import { sessionCacheOf } from "../auth/sessions.ts";
import { TABLES_CHANNEL, tableVersionsOf } from "../db/table-versions.ts";
import type { Db } from "../db/client.ts";
import { NotLeading, type ChangeNotice, type HaController } from "../ha/controller.ts";
import { changeKind } from "../ha/change-event.ts";
import { readClusterParameters, readLabSettings } from "../params/store.ts";
import { executeCommand, type Command } from "./commands.ts";
import { clusterView, LEASE_TTL_MS, LeaderLease, type LeaseState } from "./lease.ts";
import { CHANNEL, POLL_MS, RequestClient, RequestServer } from "./requests.ts";

/** A listener connection lost is made again after this long; the polls cover the gap. */
const RELISTEN_MS = 500;
/**
 * How often the listening connection is asked a question, and how long it
 * may take to answer. A connection cut without a word (a dropped NAT entry,
 * a partition) raises no error: what it does not answer is taken as lost,
 * since the session and table notices it carries are what keeps this
 * instance's memory true.
 */
const LISTENER_PING_MS = 2_000;
const LISTENER_ANSWER_MS = 2_000;

export interface ClusterHealth extends LeaseState {
  /** The instance holding the lease as this one last saw it. */
  leader: string | null;
  /** Whether this instance can serve: it reached the database within the lease's lifetime. */
  serving: boolean;
  lastCheckAgeMs: number | null;
}

/**
 * One console process among several on one PostgreSQL database: it holds
 * the leader lease or follows; the leader runs the controller and answers
 * the requests followers forward; every instance relays the leader's change
 * notices to its own event streams.
 */
export class ClusterNode {
  readonly instance: string;
  private readonly pool: pg.Pool;
  private readonly lease: LeaderLease;
  private readonly client: RequestClient;
  private readonly server: RequestServer;
  private listener: pg.Client | null = null;
  private listenerPing: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private poll: ReturnType<typeof setInterval> | undefined;
  private pendingNotices: ChangeNotice[] = [];
  private refreshing: Promise<void> | null = null;
  private unsubscribe: () => void = () => {};

  constructor(
    url: string,
    private readonly db: Db,
    private readonly controller: HaController,
    address = process.env.CONSOLE_ADDRESS ?? "",
  ) {
    this.instance = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    this.pool.on("error", () => undefined); // an idle connection dropped; the next query makes another
    this.client = new RequestClient(this.pool, this.instance);
    this.server = new RequestServer(this.pool, this.instance, (c) => executeCommand(this.db, this.controller, c));
    this.lease = new LeaderLease(
      this.pool,
      this.instance,
      {
        gained: async (term) => {
          controller.clock.follow?.(Math.max(term.labNow, controller.clock.now()), term.labSpeed);
          const [params, lab] = await Promise.all([readClusterParameters(db), readLabSettings(db)]);
          controller.clock.follow?.(controller.clock.now(), lab.speed);
          await controller.lead(params, lab);
          await this.server.adoptOrphans();
          void this.server.drain().catch((err: unknown) => console.error(err));
          console.log(`[prg-console] instance ${this.instance} leads (fencing token ${String(term.token)})`);
        },
        lost: () => controller.follow(),
        lab: () => ({ now: controller.clock.now(), speed: controller.labSettings.speed }),
        followLab: (labNow, speed) => controller.clock.follow?.(labNow, speed),
      },
      { hostName: os.hostname(), pid: process.pid, address },
    );
  }

  async start(): Promise<void> {
    await this.listen();
    this.unsubscribe = this.controller.onChange((notice) => {
      if (!this.controller.leading) return;
      const { events: _events, ...small } = notice;
      void this.pool
        .query(`SELECT pg_notify($1, $2)`, [CHANNEL.change, JSON.stringify({ ...small, kind: changeKind(notice), from: this.instance })])
        .catch((err: unknown) => console.error(err));
    });
    await this.lease.start();
    this.poll = setInterval(() => {
      if (this.controller.leading) void this.server.drain().catch(() => undefined);
    }, POLL_MS);
    this.poll.unref?.();
  }

  /** The fence every controller write checks (see LeaderLease.fence). */
  readonly fence = (tx: { $queryRawUnsafe: (sql: string, ...values: unknown[]) => Promise<unknown> }) =>
    this.lease.fence(async (sql, ...values) => (await tx.$queryRawUnsafe(sql, ...values)) as unknown[]);

  /** Runs a command here when this instance leads, else on the leader. */
  async command(command: Command): Promise<unknown> {
    if (this.controller.leading) {
      try {
        return await executeCommand(this.db, this.controller, command);
      } catch (err) {
        // The lease was lost before the command's turn came, so it did not run here: the new leader runs it.
        if (!(err instanceof NotLeading)) throw err;
      }
    }
    return this.client.submit(command);
  }

  get health(): ClusterHealth {
    const s = this.lease.state;
    const age = s.lastCheck === null ? null : Date.now() - s.lastCheck;
    return { ...s, leader: s.leading ? this.instance : null, serving: age !== null && age <= 2 * LEASE_TTL_MS, lastCheckAgeMs: age };
  }

  view() {
    return clusterView(this.pool);
  }

  private async listen() {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.pool.options.connectionString, keepAlive: true });
    const sessions = sessionCacheOf(this.db);
    const tables = tableVersionsOf(this.db);
    const again = () => {
      if (this.listener !== client) return;
      this.listener = null;
      clearInterval(this.listenerPing);
      // Notices sent while nobody listens are lost: nothing kept can be trusted until listening again.
      sessions.listening(false);
      tables?.listening(false);
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), RELISTEN_MS).unref?.();
    };
    client.on("error", again);
    client.on("end", again);
    client.on("notification", (msg) => this.notified(msg.channel, msg.payload ?? ""));
    this.listener = client;
    try {
      await client.connect();
      for (const channel of [...Object.values(CHANNEL), SESSION_CHANNEL, TABLES_CHANNEL]) await client.query(`LISTEN ${channel}`);
      if (this.listener === client) {
        sessions.listening(true);
        tables?.listening(true);
        this.listenerPing = setInterval(() => {
          const late = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), LISTENER_ANSWER_MS).unref?.());
          Promise.race([client.query("SELECT 1"), late]).catch(again);
        }, LISTENER_PING_MS);
        this.listenerPing.unref?.();
      }
    } catch {
      again();
    }
  }

  private notified(channel: string, payload: string) {
    if (channel === SESSION_CHANNEL) {
      sessionCacheOf(this.db).heard(payload);
    } else if (channel === TABLES_CHANNEL) {
      tableVersionsOf(this.db)?.wrote([payload]);
    } else if (channel === CHANNEL.request) {
      if (this.controller.leading) void this.server.drain().catch(() => undefined);
    } else if (channel === CHANNEL.reply) {
      this.client.replied(payload);
    } else if (channel === CHANNEL.change) {
      const notice = JSON.parse(payload) as ChangeNotice & { from: string };
      if (notice.from === this.instance || this.controller.leading) return;
      this.pendingNotices.push(notice);
      this.refreshing ??= this.refresh();
    }
  }

  /** One reload of the database for every notice that came meanwhile; the notices are relayed in order. */
  private async refresh() {
    try {
      while (this.pendingNotices.length > 0) {
        const notices = this.pendingNotices;
        this.pendingNotices = [];
        const [params, lab] = await Promise.all([readClusterParameters(this.db), readLabSettings(this.db)]);
        await this.controller.refresh(params, lab, notices);
      }
    } catch (err) {
      console.error(err);
    } finally {
      this.refreshing = null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    this.unsubscribe();
    this.client.close();
    await this.lease.stop();
    const listener = this.listener;
    this.listener = null;
    clearInterval(this.listenerPing);
    sessionCacheOf(this.db).listening(false);
    tableVersionsOf(this.db)?.listening(false);
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
