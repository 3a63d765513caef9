// Usage: db-new-migration.ts <name>. Writes prisma/migrations/<timestamp>_<name>
// with the SQL that takes the existing migrations to prisma/schema.prisma.
import path from "node:path";
import { diffSchemaAgainstMigrations } from "../lib/db/migrate/engine.ts";
import { migrationSlug, prismaPaths, writeMigration } from "../lib/db/migrate/migrations-dir.ts";

const name = process.argv[2];
if (!name) {
  console.error("Usage: db-new-migration.ts <name>");
  process.exit(1);
}
migrationSlug(name); // reject a bad name before the slow diff

const { upToDate, sql } = await diffSchemaAgainstMigrations();
if (upToDate) {
  console.log("The migrations already match prisma/schema.prisma: nothing to write.");
} else {
  const dir = await writeMigration(prismaPaths(), name, sql);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
}
