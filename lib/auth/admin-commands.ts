import type { Db } from "../db/client.ts";
import { seedDemoInventory } from "../inventory/demo-seed.ts";
import { ADMIN_USERNAME, adminPasswordFromEnv, ensureAdminAccount, generatePassword, passwordNotice, setAdminPassword } from "./bootstrap-admin.ts";

type Env = Record<string, string | undefined>;

/**
 * `npm run admin:reset-password`: sets the admin password to ADMIN_PASSWORD,
 * or to a generated one that the returned lines show framed. Every session
 * of the account ends. Returns what to print.
 */
export async function resetAdminPassword(db: Db, env: Env = process.env): Promise<{ password: string; lines: string[] }> {
  const given = adminPasswordFromEnv(env);
  const password = given ?? generatePassword();
  const { created, sessionsEnded } = await setAdminPassword(db, password);
  const ended = sessionsEnded ? `; ${sessionsEnded} signed-in session${sessionsEnded === 1 ? "" : "s"} ended` : "";
  const what = created ? `Created "${ADMIN_USERNAME}"` : `The password of "${ADMIN_USERNAME}" was reset`;
  const lines = given
    ? [`${what}${created ? " with the password in" : " to"} ADMIN_PASSWORD${ended}.`]
    : [`${what}${ended}.`, ...passwordNotice(password, `The new password of "${ADMIN_USERNAME}"`)];
  return { password, lines };
}

/**
 * `npm run db:seed`: gives an empty inventory the demo cluster, and the
 * admin account its password: ADMIN_PASSWORD when set (on an existing
 * account too), else a generated one, shown framed, when the account is new.
 */
export async function seedDatabase(db: Db, env: Env = process.env): Promise<string[]> {
  const lines = [(await seedDemoInventory(db)) ? "Demo cluster created." : "Inventory not empty: no demo cluster added."];
  if (adminPasswordFromEnv(env) !== undefined) {
    lines.push(...(await resetAdminPassword(db, env)).lines);
    return lines;
  }
  const admin = await ensureAdminAccount(db, env);
  if (admin.created && admin.generatedPassword) {
    lines.push(`Created "${ADMIN_USERNAME}".`, ...passwordNotice(admin.generatedPassword));
  } else {
    lines.push(`"${ADMIN_USERNAME}" exists: its password is unchanged (set ADMIN_PASSWORD, or run npm run admin:reset-password, to change it).`);
  }
  return lines;
}
