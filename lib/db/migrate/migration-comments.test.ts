import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");

describe("hand-written migrations", () => {
  // Prisma's engine splits a migration into statements on semicolons, comments included: on PostgreSQL a
  // semicolon in a comment ends a statement mid-sentence (the embedded database runs the file whole and hides it).
  it("have no semicolon in a comment line", () => {
    const offending = readdirSync(MIGRATIONS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) =>
        readFileSync(path.join(MIGRATIONS, e.name, "migration.sql"), "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${e.name}:${i + 1}`, line }))
          .filter(({ line }) => line.trimStart().startsWith("--") && line.includes(";")),
      )
      .map((x) => x.where);
    expect(offending).toEqual([]);
  });
});
