import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { signInSchema } from "../schemas/auth.ts";
import { hashPassword } from "./password.ts";
import { sessionCacheOf } from "./sessions.ts";

export const ADMIN_USERNAME = "admin";

export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * ADMIN_PASSWORD, if set: checked against the sign-in form's rules, so the
 * password set is one that can be typed there.
 */
export function adminPasswordFromEnv(env: Record<string, string | undefined>): string | undefined {
  const given = env.ADMIN_PASSWORD;
  if (given === undefined || given === "") return undefined;
  const checked = signInSchema.shape.password.safeParse(given);
  if (!checked.success) throw new Error(`ADMIN_PASSWORD: ${checked.error.issues[0]!.message}`);
  return given;
}

/**
 * Creates the `admin` account on first start. The password comes from
 * ADMIN_PASSWORD, or is generated and returned so the caller can print it
 * once; only its hash is stored.
 */
export async function ensureAdminAccount(
  db: Db,
  env: Record<string, string | undefined> = process.env,
): Promise<{ created: false } | { created: true; generatedPassword?: string }> {
  if (await db.adminUser.findUnique({ where: { username: ADMIN_USERNAME } })) return { created: false };
  const given = adminPasswordFromEnv(env);
  const password = given ?? generatePassword();
  try {
    await db.adminUser.create({
      data: { username: ADMIN_USERNAME, passwordHash: await hashPassword(password) },
    });
  } catch (err) {
    // Another process created it between our check and insert: theirs stands.
    if ((err as { code?: string }).code === "P2002") return { created: false };
    throw err;
  }
  return given ? { created: true } : { created: true, generatedPassword: password };
}

/**
 * Sets the `admin` password from the shell (the account is created if
 * missing, made an enabled Super User again if it was not) and signs out
 * every session of it, since whoever held the old password may hold one.
 */
export async function setAdminPassword(db: Db, password: string): Promise<{ created: boolean; sessionsEnded: number }> {
  const passwordHash = await hashPassword(password);
  const result = await db.$transaction(async (tx) => {
    const existing = await tx.adminUser.findUnique({ where: { username: ADMIN_USERNAME } });
    if (!existing) {
      await tx.adminUser.create({ data: { username: ADMIN_USERNAME, passwordHash } });
      return { created: true, sessionsEnded: 0, id: undefined };
    }
    // Recovery from the shell gives back a working administrator whatever was done to it on the page.
    await tx.adminUser.update({ where: { id: existing.id }, data: { passwordHash, role: "super_user", disabled: false, mustChangePassword: false } });
    const ended = await tx.session.deleteMany({ where: { userId: existing.id } });
    return { created: false, sessionsEnded: ended.count, id: existing.id };
  });
  if (result.id !== undefined) sessionCacheOf(db).forgetAccount(result.id);
  return { created: result.created, sessionsEnded: result.sessionsEnded };
}

/** A generated password framed so it stands out in a terminal or a server log. */
export function passwordNotice(password: string, what = `The password of "${ADMIN_USERNAME}"`): string[] {
  const lines = [`${what} is:`, "", `    ${password}`, "", "It is shown only this once: keep it somewhere safe."];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${"-".repeat(width + 2)}+`;
  return [rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule];
}
