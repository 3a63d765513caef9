import type { Db } from "../db/client.ts";

/** History rows kept per group (and for the console-wide rows) unless HA_EVENT_KEEP_PER_GROUP says otherwise. */
export const DEFAULT_KEEP_PER_GROUP = 100_000;
/** How often the leader trims the history, in wall time. */
export const RETENTION_INTERVAL_MS = 10 * 60_000;

/** The retention rule from the environment: a count of rows per group, 0 keeping everything. */
export function keepPerGroupFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.HA_EVENT_KEEP_PER_GROUP;
  if (raw === undefined || raw === "") return DEFAULT_KEEP_PER_GROUP;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`HA_EVENT_KEEP_PER_GROUP must be a whole number ≥ 0, not ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Deletes each group's history rows older than its `keep` newest ones
 * (rows of the same instant as the last one kept are kept too). A count per
 * group rather than an age: lab time can run at 60× wall time, and a quiet
 * group keeps its last changes however old they are. Returns the rows deleted.
 */
export async function trimHistory(db: Db, keep: number): Promise<number> {
  if (keep <= 0) return 0;
  // Per group, the (groupId, at) index finds the cut-off row and the rows before it.
  const deleted = await db.$executeRawUnsafe(
    `WITH cut AS (
       SELECT g."groupId",
              (SELECT e.at FROM "HaEvent" e
                WHERE e."groupId" IS NOT DISTINCT FROM g."groupId"
                ORDER BY e.at DESC OFFSET $1 - 1 LIMIT 1) AS at
         FROM (SELECT DISTINCT "groupId" FROM "HaEvent") g
     )
     DELETE FROM "HaEvent" h USING cut
      WHERE h."groupId" IS NOT DISTINCT FROM cut."groupId" AND h.at < cut.at`,
    keep,
  );
  return deleted;
}

/** One retention pass: only the leader trims, so a follower's copy of the rule never races it. */
export function retentionPass(db: Db, leading: () => boolean, keep: number): Promise<number> {
  return leading() ? trimHistory(db, keep) : Promise.resolve(0);
}

/** Trims the history every RETENTION_INTERVAL_MS while this instance leads. */
export function startHistoryRetention(db: Db, leading: () => boolean, keep = keepPerGroupFromEnv()): () => void {
  if (keep <= 0) return () => {};
  const timer = setInterval(() => {
    retentionPass(db, leading, keep).catch((err: unknown) => console.error("[prg-console] history retention failed", err));
  }, RETENTION_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
