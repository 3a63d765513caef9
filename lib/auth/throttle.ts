import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client.ts";

/** Failed sign-ins allowed per address and user name in FAILURE_WINDOW_S, before that pair waits. */
export const FAILURE_POINTS = 10;
const FAILURE_WINDOW_S = 15 * 60;

const failureKey = (address: string, username: string) => `${address}|${username.toLowerCase()}`;

/**
 * Failed sign-ins per address and user name, kept in the database (the
 * SignInThrottle table) so that a restart does not reset them and every
 * instance on the database shares them: this stops password guessing.
 * Attempts per address are counted in memory: that limit only keeps a flood
 * of Argon2 verifications from exhausting this instance's CPU.
 */
export class SignInThrottle {
  private readonly failures: RateLimiterPrisma;
  private readonly attempts = new RateLimiterMemory({ points: 120, duration: 60 });

  constructor(db: Db) {
    this.failures = new RateLimiterPrisma({
      storeClient: db,
      tableName: "signInThrottle",
      points: FAILURE_POINTS,
      duration: FAILURE_WINDOW_S,
      // Expired rows are removed on their next use; no timer keeps a test or a CLI process alive.
      clearExpiredByTimeout: false,
    });
  }

  /** Seconds to wait before another sign-in attempt may be made, or 0. */
  async blockedFor(address: string, username: string): Promise<number> {
    try {
      await this.attempts.consume(address);
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.ceil(res.msBeforeNext / 1000);
      throw res;
    }
    const res = await this.failures.get(failureKey(address, username));
    return res && res.remainingPoints <= 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
  }

  async recordFailure(address: string, username: string): Promise<void> {
    await this.failures.penalty(failureKey(address, username), 1);
  }

  async recordSuccess(address: string, username: string): Promise<void> {
    await this.failures.delete(failureKey(address, username));
  }
}

const throttles = new WeakMap<Db, SignInThrottle>();
function throttleFor(db: Db): SignInThrottle {
  let throttle = throttles.get(db);
  if (!throttle) throttles.set(db, (throttle = new SignInThrottle(db)));
  return throttle;
}

/** Seconds to wait before another sign-in attempt may be made, or 0. */
export function signInBlockedFor(db: Db, address: string, username: string): Promise<number> {
  return throttleFor(db).blockedFor(address, username);
}

export function recordSignInFailure(db: Db, address: string, username: string): Promise<void> {
  return throttleFor(db).recordFailure(address, username);
}

export function recordSignInSuccess(db: Db, address: string, username: string): Promise<void> {
  return throttleFor(db).recordSuccess(address, username);
}
