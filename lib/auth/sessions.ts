import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export const SESSION_COOKIE = "prg_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  username: string;
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

// Verifying against a real hash when the user does not exist keeps the time
// of a failed sign-in the same whichever part was wrong.
let dummyHash: Promise<string> | undefined;
function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

/** The console account these credentials name, or null when they are wrong (sign-in and AXL's Basic auth). */
export async function checkCredentials(db: Db, username: string, password: string): Promise<SessionUser | null> {
  const user = await db.adminUser.findUnique({ where: { username } });
  const ok = await verifyPassword(user?.passwordHash ?? (await hashForUnknownUser()), password);
  return user && ok ? { id: user.id, username: user.username } : null;
}

/** Returns the new session's token, or null when the credentials are wrong. */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
): Promise<{ token: string; user: SessionUser; expiresAt: Date } | null> {
  const user = await checkCredentials(db, username, password);
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { tokenHash: tokenHash(token), userId: user.id, expiresAt } });
  await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return { token, user, expiresAt };
}

export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<Session | null> {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { user: { select: { id: true, username: true } } },
  });
  if (!session || session.expiresAt <= now) return null;
  return { key: session.tokenHash, user: session.user, expiresAt: session.expiresAt };
}

/** Whether the session with this key is still signed in (not ended elsewhere, not expired). */
export async function sessionIsOpen(db: Db, key: string, now = new Date()): Promise<boolean> {
  const session = await db.session.findUnique({ where: { tokenHash: key }, select: { expiresAt: true } });
  return session !== null && session.expiresAt > now;
}

export async function findSessionUser(db: Db, token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  return (await findSession(db, token, now))?.user ?? null;
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.session.deleteMany({ where: { tokenHash: tokenHash(token) } });
}
