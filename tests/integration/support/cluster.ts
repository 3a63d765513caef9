import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../../..");

type Reply = { ok: true; result: unknown } | { ok: false; status: number; body: { error: { code: string; message: string; current?: unknown } } };

/** A console instance in its own process (lib/cluster/worker-process.ts) on the given database. */
export class Instance {
  readonly process: ChildProcess;
  readonly ready: Promise<string>;
  private next = 1;
  private waiting = new Map<number, (r: Reply) => void>();
  exited = false;

  constructor(databaseUrl: string) {
    // Node itself with tsx as a loader, not the tsx launcher: the launcher runs Node as a child, which kill -9 of the launcher would leave running.
    this.process = spawn(process.execPath, ["--import", "tsx", "lib/cluster/worker-process.ts"], {
      cwd: ROOT,
      // This shared machine may starve a process for seconds: a longer lease keeps leadership from flapping (the bound is then 8 s).
      env: { ...process.env, DATABASE_URL: databaseUrl, LEASE_TTL_MS: process.env.CLUSTER_TEST_LEASE_TTL_MS ?? "8000" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.process.on("exit", () => {
      this.exited = true;
      for (const resolve of this.waiting.values()) resolve({ ok: false, status: 0, body: { error: { code: "exited", message: "the instance exited" } } });
      this.waiting.clear();
    });
    let started: (id: string) => void;
    this.ready = new Promise((resolve) => (started = resolve));
    readline.createInterface({ input: this.process.stdout! }).on("line", (line) => {
      if (!line.startsWith("@@")) return;
      const msg = JSON.parse(line.slice(2)) as { ready?: boolean; instance?: string; id?: number } & Reply;
      if (msg.ready) return started(msg.instance!);
      const resolve = this.waiting.get(msg.id!);
      this.waiting.delete(msg.id!);
      resolve?.(msg);
    });
  }

  ask(op: string, args: Record<string, unknown> = {}): Promise<Reply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.process.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  async health(): Promise<{ leading: boolean; instance: string; fencingToken: string | null }> {
    const r = await this.ask("health");
    if (!r.ok) throw new Error(r.body.error.message);
    return r.result as { leading: boolean; instance: string; fencingToken: string | null };
  }

  kill9() {
    this.process.kill("SIGKILL");
  }

  async close() {
    if (this.exited) return;
    await Promise.race([this.ask("close"), new Promise((r) => setTimeout(r, 10_000))]);
    if (!this.exited) this.kill9();
  }
}

/** A fresh database on TEST_DATABASE_URL's server, dropped by the returned function. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL!;
  const name = `prg_cluster_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Polls `check` until it returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
