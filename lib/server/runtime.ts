import { randomUUID } from "node:crypto";
import { ensureAdminAccount, passwordNotice } from "../auth/bootstrap-admin.ts";
import { SESSION_CHANNEL } from "../auth/session-cache.ts";
import { sessionCacheOf } from "../auth/sessions.ts";
import { openDatabase } from "../db/adapter.ts";
import { registerTableVersions } from "../db/table-versions.ts";
import { createPrismaClient, type Db } from "../db/client.ts";
import { databaseConfigFromEnv, type DatabaseConfig } from "../db/config.ts";
import { ensureDatabase } from "../db/migrate/ensure-database.ts";
import { applyMigrations } from "../db/migrate/engine.ts";
import { watchAlerts, type AlertWatch } from "../alerts/watch.ts";
import { WebhookDelivery } from "../alerts/webhook.ts";
import { ClientFleet } from "../clients/fleet.ts";
import { LabClock, type Clock } from "../ha/clock.ts";
import { HaController, REAL_WALL_TIMERS, type WallTimers } from "../ha/controller.ts";
import { ConsoleMetrics } from "../metrics/console-metrics.ts";
import { seedDemoInventory } from "../inventory/demo-seed.ts";
import { readClusterParameters, readLabSettings } from "../params/store.ts";
import { startHistoryRetention } from "../ha/retention.ts";
import { watchPending } from "../users/sync-agent.ts";
import { startSshCliFromEnv } from "../cli/ssh-server.ts";
import { Scheduler } from "../schedule/scheduler.ts";
import { startDrills, type Drills } from "../drills/engine.ts";
import type { Command } from "../cluster/commands.ts";
import { executeCommand } from "../cluster/commands.ts";
import { lockEmbeddedDirectory } from "../cluster/embedded-lock.ts";
import { migrationsUpToDate } from "../cluster/migrations.ts";
import { ClusterNode, type ClusterHealth } from "../cluster/node.ts";
import { rollBackUnfinishedImports } from "../users/import-journal.ts";

/** Everything the server process holds once: the database, its client, the HA controller. */
export interface Runtime {
  database: DatabaseConfig["kind"];
  db: Db;
  /** Users per statement of an import on a database that runs one statement at a time (embedded); undefined on PostgreSQL (one transaction). */
  importSlice: number | undefined;
  controller: HaController;
  /** Scheduled HA inputs (maintenance windows, drill faults), run on the lab clock. */
  scheduler: Scheduler;
  drills: Drills;
  metrics: ConsoleMetrics;
  alerts: AlertWatch;
  webhooks: WebhookDelivery;
  /** The simulated Jabber clients of the signed-in users (lib/clients). */
  clients: ClientFleet;
  /** Several instances on one PostgreSQL database (lib/cluster); null on the embedded database, which is single-process. */
  cluster: ClusterNode | null;
  /**
   * The one way a route changes what the controller runs: here when this
   * instance leads, else forwarded to the leader, with the same result or error.
   */
  command(command: Command): Promise<unknown>;
  health(): RuntimeHealth;
  close(): Promise<void>;
}

export interface RuntimeHealth {
  status: "ok" | "unavailable";
  database: DatabaseConfig["kind"];
  instance: string;
  leading: boolean;
  fencingToken: string | null;
  /** Wall milliseconds since this instance last reached the lease row (PostgreSQL) or ran a timer check (embedded). */
  lastCheckAgeMs: number | null;
  errors: number;
  lastError: string | null;
}

function healthOf(kind: DatabaseConfig["kind"], controller: HaController, cluster: ClusterNode | null): RuntimeHealth {
  const checks = controller.checks;
  if (!cluster) {
    return {
      status: "ok",
      database: kind,
      instance: `embedded-${process.pid}`,
      leading: controller.leading,
      fencingToken: null,
      lastCheckAgeMs: checks.lastWall === null ? null : Date.now() - checks.lastWall,
      errors: checks.errors,
      lastError: checks.lastError,
    };
  }
  const h: ClusterHealth = cluster.health;
  return {
    status: h.serving ? "ok" : "unavailable",
    database: kind,
    instance: h.instance,
    // The lease alone is not enough: until the controller has resumed the groups, what it shows is the former leader's.
    leading: h.leading && controller.inCharge,
    fencingToken: h.token === null ? null : String(h.token),
    lastCheckAgeMs: h.lastCheckAgeMs,
    errors: h.errors + checks.errors,
    lastError: h.lastError ?? checks.lastError,
  };
}

export interface RuntimeOptions {
  /** A virtual clock for tests: no timer loop runs, tests advance time themselves. */
  clock?: Clock;
  /** With a clock that follows a (fake) wall clock: the wall timers the controller sleeps on. */
  wallTimers?: WallTimers;
}

/**
 * Lab time resumes where it was: with a speed factor above 1 it ran ahead of
 * the wall clock, and persisted timers are in lab time.
 */
async function latestLabTime(db: Db): Promise<number> {
  const [nodes, events] = await Promise.all([
    db.node.aggregate({ _max: { haStateSince: true } }),
    db.haEvent.aggregate({ _max: { at: true } }),
  ]);
  return Math.max(Date.now(), Number(nodes._max.haStateSince ?? 0), events._max.at?.getTime() ?? 0);
}

/**
 * Users moved or imported per statement on the embedded database, which runs
 * one statement or transaction at a time: about 25 ms of PGlite's work, which
 * is what another group's step waits behind a 15,000-user failover or a
 * 100,000-user import. Measured with bench:timer-lag, other groups' timers
 * during an import: 2,000 users a slice, up to 400 ms late; 500, 100 ms
 * typical; 250, 46 ms typical (25 ms idle), for 10-16% on the import's time.
 */
const EMBEDDED_WRITE_SLICE = 250;

/**
 * Brings the database up to date and ready: pending migrations applied, the
 * admin account present, and an empty embedded database given the demo
 * inventory. Lines meant for the operator go to `log`.
 */
export async function startRuntime(
  config: DatabaseConfig = databaseConfigFromEnv(),
  log: (line: string) => void = (line) => console.log(line),
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const unlock = config.kind === "embedded" ? lockEmbeddedDirectory(config.dataDir) : () => {};
  await ensureDatabase(config);
  const database = await openDatabase(config);
  const upToDate = config.kind === "postgres" && (await migrationsUpToDate(config.url));
  const applied = upToDate ? [] : await applyMigrations(database.factory);
  if (applied.length > 0) log(`[prg-console] applied migrations: ${applied.join(", ")}`);
  const db = createPrismaClient(database.factory);
  registerTableVersions(db, database.versions);
  // On PostgreSQL the cluster node hears the notices (lib/cluster/node.ts). The embedded database has
  // one process, whose every write the driver adapter sees: of its notices only the sessions' are heard.
  if (database.listen) {
    const sessions = sessionCacheOf(db);
    await database.listen(SESSION_CHANNEL, (notice) => sessions.heard(notice));
    sessions.listening(true);
    database.versions.listening(true);
    // A crashed database thread sends no more notices: nothing kept from before may answer a request.
    database.onFailure?.((err) => {
      console.error(`[prg-console] ${err.message}`);
      sessions.listening(false);
      database.versions.listening(false);
    });
  }

  const admin = await ensureAdminAccount(db);
  if (admin.created && admin.generatedPassword) {
    log(`[prg-console] created user "admin" with a generated password (set ADMIN_PASSWORD before the first start to choose it, or run npm run admin:reset-password):`);
    for (const line of passwordNotice(admin.generatedPassword)) log(`[prg-console] ${line}`);
  }
  // Only a sliced import (the embedded database's, one process: this one) can be left unfinished. On PostgreSQL an
  // import's row is visible only once finished, so this finds nothing there and leaves other instances' imports alone.
  const rolledBack = await rollBackUnfinishedImports(db, EMBEDDED_WRITE_SLICE);
  if (rolledBack > 0) log(`[prg-console] rolled back ${rolledBack} user import(s) a stopped console left unfinished`);
  if (config.kind === "embedded" && (await seedDemoInventory(db))) {
    log("[prg-console] the empty embedded database was given the demo cluster");
  }
  const lab = await readLabSettings(db);
  const wallTimers = options.clock && !options.wallTimers ? undefined : (options.wallTimers ?? REAL_WALL_TIMERS);
  let cluster: ClusterNode | null = null;
  const controller = await HaController.start({
    db,
    ...(config.kind === "postgres" ? { passive: true, fence: (tx) => cluster!.fence(tx) } : { moveSlice: EMBEDDED_WRITE_SLICE }),
    clock: options.clock ?? new LabClock(lab.speed, await latestLabTime(db)),
    params: await readClusterParameters(db),
    lab,
    wallTimers,
  });
  if (config.kind === "postgres") {
    cluster = new ClusterNode(config.url, db, controller);
    await cluster.start();
  }
  const stopSyncAgent = watchPending(db, controller);
  const stopRetention = startHistoryRetention(db, () => controller.leading);
  const scheduler = Scheduler.start(db, controller, `${process.pid}-${randomUUID()}`, wallTimers);
  const drills = startDrills(db, controller, scheduler);
  const webhooks = new WebhookDelivery({ db });
  const alerts = watchAlerts(db, controller, (event, alert) => webhooks.enqueue(event, alert));
  const command = (c: Command) => (cluster ? cluster.command(c) : executeCommand(db, controller, c));
  const ssh = await startSshCliFromEnv(db, controller, log, command);
  // On a virtual clock the tests say when the clients look at the database again.
  const clients = await ClientFleet.start(db, controller, { autoReconcile: !options.clock || options.wallTimers !== undefined });
  return {
    database: config.kind,
    db,
    importSlice: config.kind === "embedded" ? EMBEDDED_WRITE_SLICE : undefined,
    controller,
    scheduler,
    drills,
    metrics: new ConsoleMetrics(controller, () => clients.counters()),
    alerts,
    webhooks,
    clients,
    cluster,
    command,
    health: () => healthOf(config.kind, controller, cluster),
    close: async () => {
      // No new Sync Agent work, then wait for what the controller and the Sync Agent have in flight.
      await stopSyncAgent();
      stopRetention();
      await ssh?.close();
      await scheduler.stop();
      drills.stop();
      await drills.settled();
      await controller.stop();
      await clients.stop();
      // Then the lease is given up, so another instance takes over at once.
      await cluster?.close();
      alerts.stop();
      await alerts.settled();
      await webhooks.stop();
      await db.$disconnect();
      await database.close();
      unlock();
    },
  };
}

// Next.js compiles route handlers and instrumentation into separate bundles,
// so a module-level variable would open the database once per bundle; PGlite
// must be opened once per process.
const RUNTIME_KEY = Symbol.for("prg-console.runtime");
type Holder = { [RUNTIME_KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[RUNTIME_KEY] ??= startRuntime().catch((err: unknown) => {
    delete holder[RUNTIME_KEY];
    throw err;
  });
  return holder[RUNTIME_KEY];
}
