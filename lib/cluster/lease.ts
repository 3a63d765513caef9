import type pg from "pg";

/**
 * How long a lease lasts without renewal: the take-over bound after a leader
 * dies is about this plus one attempt. `LEASE_TTL_MS` sets it (at least
 * 1000): longer on a machine so busy that a process may not run for seconds.
 */
export const LEASE_TTL_MS = Math.max(1000, Number(process.env.LEASE_TTL_MS) || 3000);
/** The leader renews this often, so two renewals may fail before the lease runs out. */
export const RENEW_EVERY_MS = Math.round(LEASE_TTL_MS / 3);
/** A follower tries to take an expired lease this often. */
export const ACQUIRE_EVERY_MS = Math.min(500, Math.round(LEASE_TTL_MS / 6));
/** The leader stops its controller this long before its lease would run out unrenewed. */
const STOP_MARGIN_MS = 500;
/** Instances not seen for this long are no longer listed. */
export const INSTANCE_GONE_MS = 10_000;

const LEASE = "controller";

/** A term of leadership: the token fences every controller write of the term. */
export interface Term {
  token: bigint;
  since: Date;
  /** The former leader's lab clock, carried on so lab time never jumps at a take-over. */
  labNow: number;
  labSpeed: number;
}

export interface LeaseState {
  instance: string;
  leading: boolean;
  token: bigint | null;
  since: Date | null;
  /** Wall time of the last successful round trip to the lease row, or null before the first. */
  lastCheck: number | null;
  errors: number;
  lastError: string | null;
}

export interface LeaseHooks {
  /** This instance now holds the lease: start the controller from the database. */
  gained(term: Term): Promise<void>;
  /** The lease is lost (taken, expired or unreachable): stop the controller at once. */
  lost(): void;
  /** The lab clock to publish at each renewal. */
  lab(): { now: number; speed: number };
  /** A follower's view of the leader's lab clock, at each check. */
  followLab(labNow: number, speed: number): void;
}

/**
 * The controller's leader lease: a row with an expiry, taken by
 * compare-and-set on the database's own clock (no clock of a console process
 * is trusted), renewed by the holder. A take-over increments the fencing
 * token; every controller write checks it inside its transaction
 * (`fence`), holding the row FOR KEY SHARE: a take-over changes the token,
 * a unique column, so its UPDATE takes the row's FOR UPDATE lock and waits
 * for the writes in flight, and every later write of the former leader is
 * refused; a renewal changes no key column and waits for nothing.
 */
export class LeaderLease {
  private term: Term | null = null;
  /**
   * Local wall time until which the lease is surely held: the send time of the
   * last successful renewal plus the TTL (the database's expiry is later still).
   */
  private validUntil = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastOk: number | null = null;
  private errors = 0;
  private lastError: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  /** The controller starting for the current term. */
  private gaining: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    readonly instance: string,
    private readonly hooks: LeaseHooks,
    private readonly info: { hostName: string; pid: number; address: string },
  ) {}

  async start(): Promise<void> {
    await this.pool.query(
      `INSERT INTO "ConsoleLease" (name, holder, token, since, "expiresAt", "labNow", "labSpeed", "renewedAt")
       VALUES ($1, '', 0, clock_timestamp(), 'epoch', $2, $3, clock_timestamp()) ON CONFLICT (name) DO NOTHING`,
      [LEASE, this.hooks.lab().now, this.hooks.lab().speed],
    );
    await this.round();
    // Alone, or first: this instance starts as the leader, its controller running before the server answers.
    await this.gaining;
    this.schedule();
    // Renewals stuck behind a slow database or a busy process: stop leading before the lease can run out.
    this.watchdog = setInterval(() => {
      if (this.term && Date.now() > this.validUntil - STOP_MARGIN_MS) {
        this.lose(`the lease was not renewed in time (last renewal ${this.lastOk === null ? "never" : `${Date.now() - this.lastOk} ms ago`})`);
      }
    }, 100);
    this.watchdog.unref?.();
  }

  get state(): LeaseState {
    return {
      instance: this.instance,
      leading: this.leading,
      token: this.term?.token ?? null,
      since: this.term?.since ?? null,
      lastCheck: this.lastOk,
      errors: this.errors,
      lastError: this.lastError,
    };
  }

  /** Holding a term whose lease cannot have run out yet. */
  get leading(): boolean {
    return this.term !== null && Date.now() < this.validUntil;
  }

  get token(): bigint | null {
    return this.term?.token ?? null;
  }

  /**
   * Inside a controller write's transaction: refuses the write unless this
   * instance still holds the lease with the token of its term.
   */
  async fence(query: (sql: string, ...values: unknown[]) => Promise<unknown[]>): Promise<void> {
    const token = this.term?.token;
    const rows =
      token === undefined
        ? []
        : await query(`SELECT 1 FROM "ConsoleLease" WHERE name = $1 AND holder = $2 AND token = $3 FOR KEY SHARE`, LEASE, this.instance, token);
    if (rows.length === 0) {
      this.lose(`fenced: the lease is no longer held with token ${String(token ?? "none")}`);
      throw new StaleLeader(this.instance, token ?? null);
    }
  }

  /** Gives the lease up (clean shutdown), so a follower takes over at its next attempt rather than after the expiry. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    await this.running;
    if (this.term) {
      const token = this.term.token;
      this.lose("stopped");
      await this.pool
        .query(`UPDATE "ConsoleLease" SET "expiresAt" = 'epoch' WHERE name = $1 AND holder = $2 AND token = $3`, [LEASE, this.instance, token])
        .catch(() => undefined);
    }
    await this.pool.query(`DELETE FROM "ConsoleInstance" WHERE id = $1`, [this.instance]).catch(() => undefined);
  }

  private schedule() {
    if (this.stopped) return;
    const delay = this.term ? RENEW_EVERY_MS : ACQUIRE_EVERY_MS;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => this.schedule());
    }, delay);
    this.timer.unref?.();
  }

  /** One check: renew (leader) or try to take (follower); then the next one is scheduled. */
  private async round(): Promise<void> {
    try {
      const sentAt = Date.now();
      if (this.term) await this.renew(sentAt);
      else await this.acquire(sentAt);
      this.lastOk = Date.now();
      this.lastError = null;
      await this.pool.query(
        `INSERT INTO "ConsoleInstance" (id, "hostName", pid, address, "startedAt", "lastSeen")
         VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())
         ON CONFLICT (id) DO UPDATE SET "lastSeen" = clock_timestamp()`,
        [this.instance, this.info.hostName, this.info.pid, this.info.address],
      );
    } catch (err) {
      this.errors++;
      this.lastError = err instanceof Error ? err.message : String(err);
      // Unreachable database: stop leading before the lease could have run out, so no two controllers overlap in time either.
      if (this.term && (this.lastOk === null || Date.now() - this.lastOk > LEASE_TTL_MS - STOP_MARGIN_MS)) {
        this.lose(`lease not renewed: ${this.lastError}`);
      }
    }
  }

  private async renew(sentAt: number) {
    const term = this.term!;
    const lab = this.hooks.lab();
    const { rows } = await this.pool.query(
      `UPDATE "ConsoleLease" SET "expiresAt" = clock_timestamp() + $4 * interval '1 millisecond',
         "labNow" = $5, "labSpeed" = $6, "renewedAt" = clock_timestamp()
       WHERE name = $1 AND holder = $2 AND token = $3 AND "expiresAt" > clock_timestamp() RETURNING token`,
      [LEASE, this.instance, term.token, LEASE_TTL_MS, lab.now, lab.speed],
    );
    if (rows.length === 0) this.lose("the lease was taken or ran out");
    else this.validUntil = sentAt + LEASE_TTL_MS;
  }

  private async acquire(sentAt: number) {
    // Compare-and-set: only an expired lease is taken, with the next token.
    const { rows } = await this.pool.query<{ token: string; since: Date; lab: string; speed: number }>(
      `WITH old AS (
         SELECT "labNow" + floor(extract(epoch FROM clock_timestamp() - "renewedAt") * 1000 * "labSpeed")::bigint AS lab
         FROM "ConsoleLease" WHERE name = $1 FOR UPDATE)
       UPDATE "ConsoleLease" SET holder = $2, token = token + 1, since = clock_timestamp(),
         "expiresAt" = clock_timestamp() + $3 * interval '1 millisecond', "renewedAt" = clock_timestamp(), "labNow" = old.lab
       FROM old WHERE name = $1 AND "expiresAt" <= clock_timestamp()
       RETURNING token::text AS token, since, old.lab::text AS lab, "labSpeed" AS speed`,
      [LEASE, this.instance, LEASE_TTL_MS],
    );
    const row = rows[0];
    if (!row) {
      const seen = await this.pool.query<{ lab: string; speed: number }>(
        `SELECT ("labNow" + floor(extract(epoch FROM clock_timestamp() - "renewedAt") * 1000 * "labSpeed")::bigint)::text AS lab,
           "labSpeed" AS speed FROM "ConsoleLease" WHERE name = $1`,
        [LEASE],
      );
      if (seen.rows[0] && this.lastOk !== null) this.hooks.followLab(Number(seen.rows[0].lab), seen.rows[0].speed);
      return;
    }
    const term: Term = { token: BigInt(row.token), since: row.since, labNow: Number(row.lab), labSpeed: row.speed };
    this.term = term;
    this.validUntil = sentAt + LEASE_TTL_MS;
    // Not awaited: resuming every group can take longer than the lease lasts, and renewals must go on meanwhile.
    this.gaining = this.hooks.gained(term).catch(async (err: unknown) => {
      // A controller that could not start must not hold the lease: give it up for another instance.
      console.error(err);
      if (this.term !== term) return;
      this.lose(`the controller did not start: ${err instanceof Error ? err.message : String(err)}`);
      await this.pool.query(`UPDATE "ConsoleLease" SET "expiresAt" = 'epoch' WHERE name = $1 AND token = $2`, [LEASE, term.token]).catch(() => undefined);
    });
  }

  private lose(why: string) {
    if (!this.term) return;
    console.warn(`[prg-console] instance ${this.instance} stops leading (token ${String(this.term.token)}): ${why}`);
    this.term = null;
    this.hooks.lost();
  }
}

/** A write of a former leader, refused by its fencing token. */
export class StaleLeader extends Error {
  constructor(
    readonly instance: string,
    readonly token: bigint | null,
  ) {
    super(`This console instance no longer leads (fencing token ${String(token ?? "none")} is stale): the write was refused`);
  }
}

export interface InstanceRow {
  id: string;
  hostName: string;
  pid: number;
  address: string;
  startedAt: Date;
  lastSeen: Date;
}

/** The instances seen lately and the lease as the database has it now. */
export async function clusterView(pool: pg.Pool) {
  const [instances, lease] = await Promise.all([
    pool.query<InstanceRow>(
      `SELECT id, "hostName", pid, address, "startedAt", "lastSeen" FROM "ConsoleInstance"
       WHERE "lastSeen" > clock_timestamp() - $1 * interval '1 millisecond' ORDER BY "startedAt", id`,
      [INSTANCE_GONE_MS],
    ),
    pool.query<{ holder: string; token: string; since: Date; expiresAt: Date; valid: boolean }>(
      `SELECT holder, token::text AS token, since, "expiresAt", "expiresAt" > clock_timestamp() AS valid FROM "ConsoleLease" WHERE name = $1`,
      [LEASE],
    ),
  ]);
  const l = lease.rows[0];
  return {
    instances: instances.rows,
    lease: l && l.valid ? { holder: l.holder, token: l.token, since: l.since, expiresAt: l.expiresAt } : null,
  };
}
