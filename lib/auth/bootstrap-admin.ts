import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { hashPassword } from "./password.ts";

export const ADMIN_USERNAME = "admin";

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
  const given = env.ADMIN_PASSWORD;
  const password = given || randomBytes(12).toString("base64url");
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
