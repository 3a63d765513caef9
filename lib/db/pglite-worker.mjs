// The embedded database's own thread. PGlite runs PostgreSQL compiled to
// WebAssembly on whatever thread calls it, so on the server's main thread a
// 15,000-row UPDATE or a 100,000-row import stopped every request, SSE stream
// and timer for seconds. Here it runs beside the main thread, which talks to
// it through lib/db/pglite-thread.ts: the same Prisma adapter as before, its
// calls and answers carried as messages.
//
// Plain JavaScript because Node loads a worker's file itself, outside the
// TypeScript bundles of Next.js and tsx.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

const pglite = await PGlite.create(workerData.dataDir);
const adapter = await new PrismaPGlite(pglite).connect();
const transactions = new Map();
let nextTransaction = 1;

function transaction(id) {
  const tx = transactions.get(id);
  if (!tx) throw new Error(`Transaction ${id} is closed`);
  return tx;
}

/** Carries what the main thread needs to raise the same error: a driver error's mapped cause, or the message. */
function describe(err) {
  if (err && typeof err === "object" && err.name === "DriverAdapterError" && err.cause) {
    return { driver: err.cause, message: err.message };
  }
  return { message: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : "Error" };
}

const operations = {
  queryRaw: ({ tx, query }) => (tx ? transaction(tx) : adapter).queryRaw(query),
  executeRaw: ({ tx, query }) => (tx ? transaction(tx) : adapter).executeRaw(query),
  // The adapter starts a script without waiting for it: a failing one would end this thread unheard.
  executeScript: async ({ script }) => {
    await pglite.exec(script);
  },
  startTransaction: async ({ isolationLevel }) => {
    const tx = await adapter.startTransaction(isolationLevel);
    const id = nextTransaction++;
    transactions.set(id, tx);
    return { id, options: tx.options };
  },
  commit: async ({ tx }) => {
    const open = transaction(tx);
    transactions.delete(tx);
    await open.commit();
  },
  rollback: async ({ tx }) => {
    const open = transaction(tx);
    transactions.delete(tx);
    await open.rollback();
  },
  connectionInfo: () => adapter.getConnectionInfo?.() ?? null,
  // A notice is posted as PGlite hears it, before the answer of the statement that sent it:
  // whoever waits for that answer finds the notice already delivered.
  listen: async ({ channel }) => {
    await pglite.listen(channel, (payload) => parentPort.postMessage({ notice: { channel, payload } }));
  },
  close: async () => {
    await pglite.close();
    // Nothing is left to answer; the port is closed so the thread can end.
    setImmediate(() => parentPort.close());
  },
};

parentPort.on("message", async ({ id, op, ...args }) => {
  try {
    const value = await operations[op](args);
    parentPort.postMessage({ id, value });
  } catch (err) {
    parentPort.postMessage({ id, error: describe(err) });
  }
});
parentPort.postMessage({ ready: true });
