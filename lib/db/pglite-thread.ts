import path from "node:path";
import type { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";

type Reply = { notice?: { channel: string; payload: string }; id: number; value?: unknown; error?: { driver?: ConstructorParameters<typeof DriverAdapterError>[0]; message: string; name?: string } };

const ADAPTER_INFO = { provider: "postgres", adapterName: "pglite-prisma-adapter" } as const;
const CLOSE_WAIT_MS = 10_000;

/**
 * node:worker_threads, taken from Node at run time. Turbopack follows
 * `new Worker(path)` of an imported Worker as a file to bundle, and a path
 * made at run time as a pattern over the whole project (the build then tries
 * to bundle README files and migrations); Node loads the worker's file itself.
 */
const workerThreads = () => process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");

/**
 * The embedded database on its own thread (lib/db/pglite-worker.mjs), so the
 * server keeps answering while PGlite works. Node loads the worker's file from
 * the console's folder, the working directory of every command that runs it.
 */
export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;
  private readonly failureListeners: ((err: Error) => void)[] = [];
  private readonly listeners = new Map<string, (payload: string) => void>();

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (err) => this.fail(new Error(`The embedded database stopped: ${err.message}`)));
    worker.on("exit", () => this.fail(new Error("The embedded database is closed")));
  }

  static async open(dataDir: string, workerFile = path.join(process.cwd(), "lib", "db", "pglite-worker.mjs")): Promise<PGliteThread> {
    const worker = new (workerThreads().Worker)(workerFile, { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`The embedded database in ${dataDir} could not be opened: ${err.message}`));
      const onExit = (code: number) => reject(new Error(`The embedded database in ${dataDir} could not be opened: its thread ended (${code})`));
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.once("message", () => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve();
      });
    });
    worker.unref();
    return new PGliteThread(worker);
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Referenced only while an answer is awaited: an idle database must not keep a finished process alive,
    // and a process awaiting one must not exit under it.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** Hears the database's NOTIFY on this channel (one listener per channel). */
  async listen(channel: string, heard: (payload: string) => void): Promise<void> {
    this.listeners.set(channel, heard);
    await this.call("listen", { channel });
  }

  private settle({ notice, id, value, error }: Reply): void {
    if (notice) return this.listeners.get(notice.channel)?.(notice.payload);
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (!error) return waiter.resolve(value);
    if (error.driver) return waiter.reject(new DriverAdapterError(error.driver));
    waiter.reject(Object.assign(new Error(error.message), { name: error.name ?? "Error" }));
  }

  /** Called once if the thread stops answering (crashed, or closed): what was kept from it can no longer be trusted. */
  onFailure(failed: (err: Error) => void): void {
    this.failureListeners.push(failed);
  }

  private fail(err: Error): void {
    if (!this.failure && !this.closing) for (const failed of this.failureListeners) failed(err);
    this.failure ??= err;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }

  async close(): Promise<void> {
    if (this.failure) return;
    // Referenced until the thread has ended: a caller awaiting close must not see its process exit first.
    this.closing = true;
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    try {
      await this.call("close");
    } catch {
      // It could not close itself (it is failing): ending the thread is what is left.
      await this.worker.terminate();
    }
    // A thread that does not end within the wait is ended, so closing never hangs the process.
    const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), CLOSE_WAIT_MS).unref())]);
    if (!ended) await this.worker.terminate();
  }

  /** Prisma's driver adapter factory whose every call runs on the database's thread. */
  async factory(): Promise<SqlMigrationAwareDriverAdapterFactory> {
    const connectionInfo = (await this.call<ReturnType<NonNullable<SqlDriverAdapter["getConnectionInfo"]>> | null>("connectionInfo")) ?? undefined;
    const adapter: SqlDriverAdapter = {
      ...ADAPTER_INFO,
      queryRaw: (query: SqlQuery) => this.call<SqlResultSet>("queryRaw", { query }),
      executeRaw: (query: SqlQuery) => this.call<number>("executeRaw", { query }),
      executeScript: (script: string) => this.call<void>("executeScript", { script }),
      startTransaction: (isolationLevel?: IsolationLevel) => this.startTransaction(isolationLevel),
      getConnectionInfo: () => connectionInfo!,
      // One adapter over the one database: it ends when the database closes.
      dispose: async () => {},
    };
    return {
      ...ADAPTER_INFO,
      connect: async () => adapter,
      // The migration engine asks for a shadow database only to diff schemas, which the console never does at run time.
      connectToShadowDb: async () => {
        throw new Error("The embedded database has no shadow database");
      },
    };
  }

  private async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { id, options } = await this.call<{ id: number; options: TransactionOptions }>("startTransaction", { isolationLevel });
    return {
      ...ADAPTER_INFO,
      options,
      queryRaw: (query: SqlQuery) => this.call<SqlResultSet>("queryRaw", { tx: id, query }),
      executeRaw: (query: SqlQuery) => this.call<number>("executeRaw", { tx: id, query }),
      commit: () => this.call<void>("commit", { tx: id }),
      rollback: () => this.call<void>("rollback", { tx: id }),
    };
  }
}
