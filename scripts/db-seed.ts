// `npm run db:seed`: gives an empty inventory the demo cluster (the embedded
// database gets it on first start) and the admin account its password
// (ADMIN_PASSWORD, or a generated one printed framed). See lib/auth/admin-commands.ts.
import { seedDatabase } from "../lib/auth/admin-commands.ts";
import { databaseConfigFromEnv } from "../lib/db/config.ts";
import { openShellDatabase } from "../lib/server/shell-database.ts";

try {
  const { db, close } = await openShellDatabase(databaseConfigFromEnv());
  try {
    for (const line of await seedDatabase(db)) console.log(line);
  } finally {
    await close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
