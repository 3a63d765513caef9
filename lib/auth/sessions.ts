import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { coalesce } from "../db/coalesce.ts";
import { processWide } from "../db/process-wide.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { isRole, type Role } from "./roles.ts";
import { SessionCache } from "./session-cache.ts";

export const SESSION_COOKIE = "prg_session";

type Env = Record<string, string | undefined>;

function positiveMinutes(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: a positive number of minutes is required, not "${raw}"`);
  return value;
}

/**
 * How long a session lives: SESSION_MAX_MINUTES after sign-in at most
 * (absolute, default 12 hours), and SESSION_IDLE_MINUTES after its last
 * request (idle, default 30 minutes). Read at each use so tests and a
 * restart with another setting take effect.
 */
export function sessionLimits(env: Env = process.env): { maxMs: number; idleMs: number } {
  return {
    maxMs: positiveMinutes(env, "SESSION_MAX_MINUTES", 12 * 60) * 60_000,
    idleMs: positiveMinutes(env, "SESSION_IDLE_MINUTES", 30) * 60_000,
  };
}

/** The absolute lifetime of a session with the default settings. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// Noting every request's time would write on every read; a minute's grain is
// enough for an idle timeout counted in minutes.
const LAST_SEEN_GRAIN_MS = 60_000;

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** Set after an administrator's reset: every page sends the account to choose a new password first. */
  mustChangePassword: boolean;
}

/** A signed-in session: `key` names it without revealing its token. */
export interface Session {
  key: string;
  user: SessionUser;
  expiresAt: Date;
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The key of the session a token opens, as `Session.key` holds it. */
export const sessionKey = tokenHash;

export const SESSION_USER_SELECT = { id: true, username: true, role: true, disabled: true, mustChangePassword: true } as const;

/** The account as a request acts with it; null for a disabled one, which can do nothing. */
export function toSessionUser(u: { id: number; username: string; role: string; disabled: boolean; mustChangePassword: boolean }): SessionUser | null {
  if (u.disabled) return null;
  // An unknown role (a hand-edited row) gets the least.
  return { id: u.id, username: u.username, role: isRole(u.role) ? u.role : "read_only", mustChangePassword: u.mustChangePassword };
}

// Verifying against a real hash when the user does not exist keeps the time
// of a failed sign-in the same whichever part was wrong.
let dummyHash: Promise<string> | undefined;
function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

/** The console account these credentials name, or null when they are wrong or it is disabled (sign-in and AXL's Basic auth). */
export async function checkCredentials(db: Db, username: string, password: string): Promise<SessionUser | null> {
  const user = await db.adminUser.findUnique({ where: { username }, select: { ...SESSION_USER_SELECT, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? (await hashForUnknownUser()), password);
  return user && ok ? toSessionUser(user) : null;
}

/**
 * Returns the new session's token, or null when the credentials are wrong.
 * A token always is new, so one planted before sign-in (session fixation) is never the one signed in.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
): Promise<{ token: string; user: SessionUser; expiresAt: Date } | null> {
  const user = await checkCredentials(db, username, password);
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + sessionLimits().maxMs);
  await db.session.create({ data: { tokenHash: tokenHash(token), userId: user.id, expiresAt, createdAt: now, lastSeenAt: now } });
  await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return { token, user, expiresAt };
}

// Requests that find their session in no cache (another instance's, or while
// notices are not heard) share one read that began after each of them asked.
const sessionRow = coalesce(
  (key: string) => key,
  (db: Db, key: string) => db.session.findUnique({ where: { tokenHash: key }, include: { user: { select: SESSION_USER_SELECT } } }),
);
type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionRow>>>;

const caches = processWide("session-caches", () => new WeakMap<Db, SessionCache<SessionRow>>());

/** This database's session cache: used once the runtime hears its session notices (lib/auth/session-cache.ts). */
export function sessionCacheOf(db: Db): SessionCache<SessionRow> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SessionCache()));
  return cache;
}

export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<Session | null> {
  if (!token) return null;
  const key = tokenHash(token);
  const cache = sessionCacheOf(db);
  const cached = cache.get(key);
  let session: SessionRow | null | undefined = cached;
  if (!session) {
    const mark = cache.mark();
    session = await sessionRow(db, key);
    if (session) cache.keep(key, session, mark);
  }
  if (!session) return null;
  if (session.expiresAt <= now) {
    cache.forgetSession(key);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= sessionLimits().idleMs) {
    // Another instance may have noted a later request than the copy here: only the stored time ends a session.
    if (cached) {
      cache.forgetSession(key);
      return findSession(db, token, now);
    }
    await db.session.deleteMany({ where: { tokenHash: key } });
    cache.forgetSession(key);
    return null;
  }
  const user = toSessionUser(session.user);
  if (!user) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_GRAIN_MS) {
    const noted = await db.session.updateMany({ where: { tokenHash: key }, data: { lastSeenAt: now } });
    // Gone meanwhile (ended on another instance, its notice not here yet): ended here too.
    if (noted.count === 0) {
      cache.forgetSession(key);
      return null;
    }
    session.lastSeenAt = now;
  }
  return { key, user, expiresAt: session.expiresAt };
}

/** Whether the session with this key is still signed in (not ended elsewhere, not expired, not idle, its account not disabled). */
export async function sessionIsOpen(db: Db, key: string, now = new Date()): Promise<boolean> {
  const session = await db.session.findUnique({
    where: { tokenHash: key },
    select: { expiresAt: true, lastSeenAt: true, user: { select: { disabled: true } } },
  });
  return (
    session !== null &&
    session.expiresAt > now &&
    !session.user.disabled &&
    now.getTime() - session.lastSeenAt.getTime() < sessionLimits().idleMs
  );
}

export async function findSessionUser(db: Db, token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  return (await findSession(db, token, now))?.user ?? null;
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  try {
    await db.session.deleteMany({ where: { tokenHash: tokenHash(token) } });
  } finally {
    // This instance's next request must not wait for the database's notice, nor find it kept if the delete failed.
    sessionCacheOf(db).forgetSession(tokenHash(token));
  }
}

/** Ends every session of an account (password changed, account disabled or deleted); returns how many. */
export async function endSessionsOf(db: Db, userId: number, exceptKey?: string): Promise<number> {
  try {
    const ended = await db.session.deleteMany({ where: { userId, ...(exceptKey ? { NOT: { tokenHash: exceptKey } } : {}) } });
    return ended.count;
  } finally {
    sessionCacheOf(db).forgetAccount(userId);
  }
}
