import type pg from "pg";
import { ApiError, toApiError, type ErrorBody, type MessageRef } from "../http/errors.ts";
import type { Command } from "./commands.ts";

/** How long a follower waits for the leader to take a forwarded request before answering 503. */
export const FORWARD_TIMEOUT_MS = 30_000;
/** Notifications can be missed while a connection is re-made: everyone also looks this often. */
export const POLL_MS = 1000;

export const CHANNEL = { request: "prg_request", reply: "prg_reply", change: "prg_change" } as const;

type Outcome = { status: number; body: unknown };
/** An error answer as stored for the follower, with the catalogue messages it is answered with in other languages. */
type StoredError = ErrorBody & { localized?: MessageRef; localizedFields?: Record<string, MessageRef> };

/** The answer of a command as the route gives it: the result, or the error in the API's shape. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { status: 200, body: await run() };
  } catch (err) {
    const e = toApiError(err);
    const stored: StoredError = { ...e.toBody(), localized: e.localized, localizedFields: e.localizedFields };
    return { status: e.status, body: stored };
  }
}

/** Back on the follower: the same result, or the same error (code, messages, fields, current state). */
export function settle(outcome: Outcome): unknown {
  if (outcome.status < 400) return outcome.body;
  const { error, localized, localizedFields } = outcome.body as StoredError;
  const again = new ApiError(error.code, error.message, error.fields, error.current);
  again.localized = localized;
  again.localizedFields = localizedFields;
  throw again;
}

/**
 * A follower's side: writes the command to the request table, wakes the
 * leader with NOTIFY, and waits for its answer (a NOTIFY on the reply
 * channel, or the poll). A request nobody took in time is withdrawn, so it
 * can never run after its caller was told it failed.
 */
export class RequestClient {
  private waiting = new Map<string, (o: Outcome) => void>();
  private poll: ReturnType<typeof setInterval>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly instance: string,
  ) {
    this.poll = setInterval(() => void this.check([...this.waiting.keys()]).catch(() => undefined), POLL_MS);
    this.poll.unref?.();
  }

  close() {
    clearInterval(this.poll);
  }

  /** From the reply channel. */
  replied(id: string) {
    if (this.waiting.has(id)) void this.check([id]).catch(() => undefined);
  }

  private async check(ids: string[]) {
    if (ids.length === 0) return;
    const { rows } = await this.pool.query<{ id: string; status: number; result: unknown }>(
      `SELECT id::text AS id, status, result FROM "ConsoleRequest" WHERE id = ANY($1::bigint[]) AND status IS NOT NULL`,
      [ids],
    );
    for (const row of rows) {
      const resolve = this.waiting.get(row.id);
      this.waiting.delete(row.id);
      resolve?.({ status: row.status, body: row.result });
    }
  }

  async submit(command: Command): Promise<unknown> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH r AS (INSERT INTO "ConsoleRequest" (command, "from") VALUES ($1, $2) RETURNING id)
       SELECT id::text AS id, pg_notify($3, id::text) FROM r`,
      [JSON.stringify(command), this.instance, CHANNEL.request],
    );
    const id = rows[0]!.id;
    const answered = new Promise<Outcome>((resolve) => this.waiting.set(id, resolve));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FORWARD_TIMEOUT_MS)));
    let outcome = await Promise.race([answered, timeout]);
    if (outcome === null) {
      const withdrawn = await this.pool.query(
        `UPDATE "ConsoleRequest" SET status = 503, "doneAt" = clock_timestamp() WHERE id = $1 AND "claimedBy" IS NULL AND status IS NULL`,
        [id],
      );
      // Taken by the leader meanwhile: its answer is the truth, however late.
      outcome = withdrawn.rowCount ? null : await Promise.race([answered, new Promise<null>((r) => (timer = setTimeout(() => r(null), FORWARD_TIMEOUT_MS)))]);
    }
    clearTimeout(timer);
    this.waiting.delete(id);
    if (outcome === null) throw new ApiError("unavailable", "No console instance runs the HA controller now: try again in a few seconds");
    return settle(outcome);
  }
}

/**
 * The leader's side: takes waiting requests in the order they came, runs
 * each through the controller, and stores the answer for the follower.
 */
export class RequestServer {
  private draining: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly instance: string,
    private readonly run: (command: Command) => Promise<unknown>,
  ) {}

  /**
   * At the start of a term: a request a former leader took and never
   * answered may or may not have run; it is answered as such, never run twice.
   */
  async adoptOrphans(): Promise<void> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE "ConsoleRequest" SET status = 503, "doneAt" = clock_timestamp(), result = $1
       WHERE status IS NULL AND "claimedBy" IS NOT NULL AND "claimedBy" <> $2 RETURNING id::text AS id`,
      [
        JSON.stringify(
          new ApiError("unavailable", "The console instance running this request stopped before answering: look at the current state before trying again").toBody(),
        ),
        this.instance,
      ],
    );
    for (const { id } of rows) await this.pool.query(`SELECT pg_notify($1, $2)`, [CHANNEL.reply, id]);
  }

  /** Takes every waiting request; one call at a time, and a wake-up during a drain runs another. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        for (;;) {
          const { rows } = await this.pool.query<{ id: string; command: Command }>(
            `UPDATE "ConsoleRequest" SET "claimedBy" = $1
             WHERE id = (SELECT id FROM "ConsoleRequest" WHERE "claimedBy" IS NULL AND status IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
             RETURNING id::text AS id, command`,
            [this.instance],
          );
          const row = rows[0];
          if (!row) break;
          // Not awaited: the controller orders the inputs (they are queued in this order), and a slow one does not hold the others.
          void this.answer(row.id, row.command);
        }
      } while (this.again);
    })().finally(() => (this.draining = null));
    return this.draining;
  }

  private async answer(id: string, command: Command) {
    const outcome = await outcomeOf(() => this.run(command));
    await this.pool
      .query(
        `WITH u AS (UPDATE "ConsoleRequest" SET status = $2, result = $3, "doneAt" = clock_timestamp() WHERE id = $1 AND "claimedBy" = $4 RETURNING id)
         SELECT pg_notify($5, id::text) FROM u`,
        [id, outcome.status, JSON.stringify(outcome.body ?? null), this.instance, CHANNEL.reply],
      )
      .catch((err: unknown) => console.error(err));
  }
}
