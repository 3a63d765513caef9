import type { Db, Tx } from "../db/client.ts";
import { insertUsers, type NewUser } from "./bulk.ts";

/** Prisma's interactive transactions give up after 5 s by default; 100,000 rows take longer on a slow disk. */
const IMPORT_TRANSACTION = { maxWait: 30_000, timeout: 10 * 60_000 };

/**
 * Writes an import's users all or nothing. In one transaction by default. With
 * `slice`, on a database that runs one statement or transaction at a time
 * (the embedded one), `slice` users per statement so other groups' steps run
 * between them: one transaction of 100,000 rows held every other group's timers for
 * seconds. The users of a sliced import are visible as they arrive, as in a
 * Bulk Administration job; the UserImport row stays unfinished until the
 * last slice, and an import that fails part way is rolled back at once, or
 * at the next start if the process died (rollBackUnfinishedImports).
 */
export async function writeImport(db: Db, users: NewUser[], slice?: number): Promise<void> {
  if (!slice) {
    await db.$transaction(async (tx) => {
      const id = await begin(tx, users.length);
      await insertUsers(tx, users, { importId: id });
      await finish(tx, id);
    }, IMPORT_TRANSACTION);
    return;
  }
  const id = await begin(db, users.length);
  try {
    // Outside a transaction, each slice is one INSERT statement of its own.
    await insertUsers(db, users, { importId: id, chunk: slice });
    await finish(db, id);
  } catch (err) {
    // The failure is what the caller hears; a rollback cut short is finished at the next start.
    await rollBack(db, id, slice).catch((e) => console.error(`[prg-console] rolling back import ${id}: ${(e as Error).message}`));
    throw err;
  }
}

async function begin(db: Db | Tx, users: number): Promise<number> {
  return (await db.userImport.create({ data: { users }, select: { id: true } })).id;
}

async function finish(db: Db | Tx, id: number): Promise<void> {
  await db.userImport.update({ where: { id }, data: { finishedAt: new Date() } });
}

/**
 * Deletes what an unfinished import wrote, `slice` users per statement, then
 * the import itself. importId has no index (it would slow every import): each
 * statement scans the table, seconds for 100,000 users, on a path taken only
 * after a failure.
 */
async function rollBack(db: Db, id: number, slice: number): Promise<void> {
  for (;;) {
    const deleted = await db.$executeRaw`DELETE FROM "EndUser" WHERE "id" IN (SELECT "id" FROM "EndUser" WHERE "importId" = ${id} LIMIT ${slice})`;
    if (deleted < slice) break;
  }
  // Two starting consoles may both find the import: the second finds nothing left to delete.
  await db.userImport.deleteMany({ where: { id } });
}

/**
 * Rolls back the imports a stopped process left unfinished; answers how many.
 * Only sliced imports can be found so: one in a single transaction is
 * visible only once finished. Run at start, before anyone can import.
 */
export async function rollBackUnfinishedImports(db: Db, slice: number): Promise<number> {
  const unfinished = await db.userImport.findMany({ where: { finishedAt: null }, select: { id: true } });
  for (const { id } of unfinished) await rollBack(db, id, slice);
  return unfinished.length;
}
