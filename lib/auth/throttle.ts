import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Failed sign-ins per address and user name, and attempts per address: the
// first stops password guessing, the second stops a flood of Argon2
// verifications from exhausting the CPU.
const failures = new RateLimiterMemory({ points: 10, duration: 15 * 60 });
const attempts = new RateLimiterMemory({ points: 120, duration: 60 });

const failureKey = (address: string, username: string) => `${address}|${username.toLowerCase()}`;

/** Seconds to wait before another sign-in attempt may be made, or 0. */
export async function signInBlockedFor(address: string, username: string): Promise<number> {
  try {
    await attempts.consume(address);
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.ceil(res.msBeforeNext / 1000);
    throw res;
  }
  const res = await failures.get(failureKey(address, username));
  return res && res.remainingPoints <= 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
}

export async function recordSignInFailure(address: string, username: string): Promise<void> {
  await failures.penalty(failureKey(address, username), 1);
}

export async function recordSignInSuccess(address: string, username: string): Promise<void> {
  await failures.delete(failureKey(address, username));
}
