import path from "node:path";

/** Which database the process talks to, decided once from the environment. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

/**
 * `DATABASE_URL` selects a PostgreSQL server; without it the console runs on
 * the embedded database (PGlite) in `PGLITE_DIR`, by default `.data/pglite`
 * under the working directory. `memory://` keeps it in memory (tests).
 */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgresql:// connection string");
    }
    return { kind: "postgres", url };
  }
  const dir = env.PGLITE_DIR?.trim() || path.join(process.cwd(), ".data", "pglite");
  return { kind: "embedded", dataDir: dir };
}
