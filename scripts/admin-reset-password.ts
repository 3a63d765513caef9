// `npm run admin:reset-password`: sets the password of "admin" to
// ADMIN_PASSWORD, or to a generated one that it prints, on the database the
// console uses (DATABASE_URL, or the embedded one, which must not be in use).
import { resetAdminPassword } from "../lib/auth/admin-commands.ts";
import { databaseConfigFromEnv } from "../lib/db/config.ts";
import { openShellDatabase } from "../lib/server/shell-database.ts";

try {
  const { db, close } = await openShellDatabase(databaseConfigFromEnv());
  try {
    for (const line of (await resetAdminPassword(db)).lines) console.log(line);
  } finally {
    await close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
