import type { Db } from "../db/client.ts";
import { keyedError } from "../http/errors.ts";
import type { AccountInput, AccountUpdate, AccountView, PasswordChange } from "../schemas/accounts.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { isRole } from "./roles.ts";
import { endSessionsOf, sessionCacheOf, type SessionUser } from "./sessions.ts";

type Row = { id: number; username: string; role: string; disabled: boolean; mustChangePassword: boolean; createdAt: Date; _count: { sessions: number } };

function view(a: Row): AccountView {
  return {
    id: a.id,
    username: a.username,
    role: isRole(a.role) ? a.role : "read_only",
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    createdAt: a.createdAt.toISOString(),
    sessions: a._count.sessions,
  };
}

const withSessions = (now: Date) => ({ _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } } });

export async function listAccounts(db: Db, now = new Date()): Promise<AccountView[]> {
  return (await db.adminUser.findMany({ orderBy: { username: "asc" }, include: withSessions(now) })).map(view);
}

async function getAccount(db: Db, id: number, now = new Date()): Promise<AccountView> {
  const row = await db.adminUser.findUnique({ where: { id }, include: withSessions(now) });
  if (!row) throw keyedError("not_found", { key: "account.notFound" });
  return view(row);
}

export async function createAccount(db: Db, input: AccountInput): Promise<AccountView> {
  try {
    const row = await db.adminUser.create({
      data: { username: input.username, role: input.role, passwordHash: await hashPassword(input.password) },
    });
    return getAccount(db, row.id);
  } catch (err) {
    if ((err as { code?: string } | null)?.code === "P2002") {
      throw keyedError("conflict", { key: "account.nameTaken", values: { username: input.username } }, { username: { key: "account.nameTakenField" } });
    }
    throw err;
  }
}

/**
 * Someone must always be able to administer the console: the last enabled
 * Super User cannot be disabled, demoted or deleted, and no one does that to
 * their own account (the command line recovers a lost admin, not the page).
 */
async function refuseLockout(db: Db, actor: SessionUser, target: { id: number; role: string; disabled: boolean }, what: "delete" | "disable" | "demote") {
  if (target.id === actor.id) throw keyedError("conflict", { key: "account.own", values: { action: what } });
  if (target.role !== "super_user" || target.disabled) return;
  const others = await db.adminUser.count({ where: { role: "super_user", disabled: false, NOT: { id: target.id } } });
  if (others === 0) throw keyedError("conflict", { key: "account.lastSuperUser", values: { action: what } });
}

/** Changes role or disabled; disabling ends the account's sessions at once. Returns the account before and after. */
export async function updateAccount(db: Db, actor: SessionUser, id: number, change: AccountUpdate): Promise<{ before: AccountView; after: AccountView }> {
  const before = await getAccount(db, id);
  if (change.disabled === true && !before.disabled) await refuseLockout(db, actor, before, "disable");
  if (change.role !== undefined && change.role !== "super_user" && before.role === "super_user") await refuseLockout(db, actor, before, "demote");
  await db.adminUser.update({ where: { id }, data: { ...(change.role ? { role: change.role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}) } });
  if (change.disabled === true) await endSessionsOf(db, id);
  // A new role counts from this instance's next request, not from the database's notice.
  else sessionCacheOf(db).forgetAccount(id);
  return { before, after: await getAccount(db, id) };
}

export async function deleteAccount(db: Db, actor: SessionUser, id: number): Promise<AccountView> {
  const before = await getAccount(db, id);
  await refuseLockout(db, actor, before, "delete");
  await db.adminUser.delete({ where: { id } });
  sessionCacheOf(db).forgetAccount(id);
  return before;
}

/** An administrator sets a temporary password: the account must choose its own at next sign-in, and every session of it ends. */
export async function resetPassword(db: Db, id: number, password: string): Promise<void> {
  await getAccount(db, id);
  await db.adminUser.update({ where: { id }, data: { passwordHash: await hashPassword(password), mustChangePassword: true } });
  await endSessionsOf(db, id);
}

/**
 * The signed-in account changes its own password: the current one is asked
 * again, since a session left open is not proof of knowing it. Every other
 * session of the account ends; this one stays signed in.
 */
export async function changeOwnPassword(db: Db, user: SessionUser, sessionKey: string, change: PasswordChange): Promise<void> {
  const row = await db.adminUser.findUnique({ where: { id: user.id } });
  if (!row || !(await verifyPassword(row.passwordHash, change.currentPassword))) {
    throw keyedError("validation_failed", { key: "account.currentWrong" }, { currentPassword: { key: "account.currentWrong" } });
  }
  if (change.newPassword.toLowerCase().includes(row.username.toLowerCase())) {
    throw keyedError("validation_failed", { key: "field.passwordHasUserId" }, { newPassword: { key: "field.passwordHasUserId" } });
  }
  if (await verifyPassword(row.passwordHash, change.newPassword)) {
    throw keyedError("validation_failed", { key: "account.sameAsCurrent" }, { newPassword: { key: "account.sameAsCurrent" } });
  }
  await db.adminUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(change.newPassword), mustChangePassword: false } });
  await endSessionsOf(db, user.id, sessionKey.startsWith("api-token:") ? undefined : sessionKey);
}
