import { describe, expect, it } from "vitest";
import { databaseConfigFromEnv } from "./config.ts";

describe("databaseConfigFromEnv", () => {
  it("uses the embedded database when DATABASE_URL is absent or empty", () => {
    expect(databaseConfigFromEnv({})).toMatchObject({ kind: "embedded" });
    expect(databaseConfigFromEnv({ DATABASE_URL: " ", PGLITE_DIR: "memory://" })).toEqual({
      kind: "embedded",
      dataDir: "memory://",
    });
  });

  it("uses a PostgreSQL server for a postgresql:// URL", () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/prg" })).toEqual({
      kind: "postgres",
      url: "postgresql://postgres@127.0.0.1:5432/prg",
    });
  });

  it("refuses any other URL rather than guessing", () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: "mysql://x" })).toThrow(/postgresql/);
  });
});
