import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

// Prisma writes `INSERT INTO "public"."EndUser"`, the console's own SQL `INSERT INTO "EndUser"`;
// `ON CONFLICT DO UPDATE SET` and `FOR UPDATE` name no table, so they are not writes here.
const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|COPY|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(?:"?public"?\.)?"([A-Za-z_][A-Za-z0-9_]*)"/gi;

// Deleting a node sets its users' assigned and serving node to NULL (the foreign keys' ON DELETE SET NULL):
// a write to EndUser the statement's text does not name. On PostgreSQL the cascade fires EndUser's own notice.
const CASCADES: Record<string, string[]> = { Node: ["EndUser"] };

/** The tables a statement writes, as far as its text says, with those its deletes write through foreign keys. */
export function tablesWritten(sql: string): string[] {
  // Most statements read: they need no search.
  if (/^\s*SELECT\b/i.test(sql)) return [];
  return [...sql.matchAll(WRITE)].flatMap((m) => {
    const table = m[1]!;
    return /^DELETE/i.test(m[0]) ? [table, ...(CASCADES[table] ?? [])] : [table];
  });
}

/**
 * The same adapter factory, telling `wrote` which tables each statement
 * wrote once it has run, and again when the transaction holding it ends
 * (committed, the write is visible to reads that began before the commit;
 * rolled back, it is gone). A script (migrations) counts as every table.
 */
export function observeWrites(
  factory: SqlMigrationAwareDriverAdapterFactory,
  wrote: (tables: Iterable<string>) => void,
): SqlMigrationAwareDriverAdapterFactory {
  const run = async <T>(query: SqlQuery, ran: () => Promise<T>, written?: Set<string>): Promise<T> => {
    const tables = tablesWritten(query.sql);
    try {
      return await ran();
    } finally {
      if (tables.length > 0) {
        wrote(tables);
        for (const t of tables) written?.add(t);
      }
    }
  };
  const transaction = (tx: Transaction): Transaction => {
    const written = new Set<string>();
    const end = async (how: () => Promise<void>) => {
      try {
        await how();
      } finally {
        if (written.size > 0) wrote(written);
      }
    };
    return {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: (q) => run(q, () => tx.queryRaw(q), written),
      executeRaw: (q) => run(q, () => tx.executeRaw(q), written),
      commit: () => end(() => tx.commit()),
      rollback: () => end(() => tx.rollback()),
      // Nested $transaction calls run on savepoints where the adapter has them.
      ...(tx.createSavepoint ? { createSavepoint: (name: string) => tx.createSavepoint!(name) } : {}),
      ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (name: string) => tx.rollbackToSavepoint!(name) } : {}),
      ...(tx.releaseSavepoint ? { releaseSavepoint: (name: string) => tx.releaseSavepoint!(name) } : {}),
    };
  };
  const adapter = (inner: SqlDriverAdapter): SqlDriverAdapter => ({
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => run(q, () => inner.queryRaw(q)),
    executeRaw: (q) => run(q, () => inner.executeRaw(q)),
    executeScript: async (script) => {
      try {
        await inner.executeScript(script);
      } finally {
        wrote(["*"]);
      }
    },
    startTransaction: async (level) => transaction(await inner.startTransaction(level)),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => adapter(await factory.connect()),
    connectToShadowDb: async () => adapter(await factory.connectToShadowDb()),
  };
}
