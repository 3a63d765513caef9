// Applies pending migrations to the database the environment selects
// (DATABASE_URL or PGLITE_DIR, see lib/db/config.ts), creating it if needed.
import { openDatabase } from "../lib/db/adapter.ts";
import { databaseConfigFromEnv } from "../lib/db/config.ts";
import { applyMigrations } from "../lib/db/migrate/engine.ts";
import { ensureDatabase } from "../lib/db/migrate/ensure-database.ts";

const config = databaseConfigFromEnv();
await ensureDatabase(config);
const db = await openDatabase(config);
try {
  const applied = await applyMigrations(db.factory);
  console.log(
    applied.length === 0
      ? "No pending migrations: the database is up to date."
      : `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`,
  );
} finally {
  await db.close();
}
