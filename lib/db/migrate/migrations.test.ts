import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffSchemaAgainstMigrations } from "./engine.ts";
import { prismaPaths, readMigrationsList } from "./migrations-dir.ts";

// Starting PGlite and the wasm engine takes seconds, more on a busy machine.
const TIMEOUT = 60_000;

describe("prisma/migrations", () => {
  it(
    "builds exactly the schema in prisma/schema.prisma",
    async () => {
      const { upToDate, sql } = await diffSchemaAgainstMigrations();
      expect(
        upToDate,
        "prisma/schema.prisma has changes no migration covers. Generate one with " +
          "`npx tsx scripts/db-new-migration.ts <name>` (never edit migrations by hand). " +
          `Missing SQL:\n${sql}`,
      ).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "applies to an empty database, and a second apply applies nothing",
    async () => {
      const expected = (await readMigrationsList(prismaPaths())).migrationDirectories.map((dir) => dir.path);
      const pglite = await PGlite.create("memory://");
      try {
        const factory = new PrismaPGlite(pglite);
        expect(await applyMigrations(factory)).toEqual(expected);
        expect(await applyMigrations(factory)).toEqual([]);
      } finally {
        await pglite.close();
      }
    },
    TIMEOUT,
  );
});
