import { loopTurnsDuring } from "../../tests/support/loop-turns.ts";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, Prisma, type Db } from "./client.ts";
import { applyMigrations } from "./migrate/engine.ts";
import { PGliteThread } from "./pglite-thread.ts";

describe("the embedded database on its own thread", () => {
  let thread: PGliteThread;
  let db: Db;

  beforeAll(async () => {
    thread = await PGliteThread.open("memory://");
    const factory = await thread.factory();
    await applyMigrations(factory);
    db = createPrismaClient(factory);
  });
  afterAll(async () => {
    await db.$disconnect();
    await thread.close();
  });

  it("keeps the main thread turning while a long statement runs", async () => {
    const { value: rows, turns } = await loopTurnsDuring(() => db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM generate_series(1, 3000000) g WHERE g % 7 = 0`);
    const [row] = rows;
    expect(Number(row?.n)).toBe(428571);
    // On the calling thread the statement would have held the loop: no turn between asking and answering.
    expect(turns).toBeGreaterThan(10);
  });

  it("raises the database's errors as Prisma's known errors", async () => {
    await db.cluster.create({ data: { name: "thread-dup" } });
    const err = await db.cluster.create({ data: { name: "thread-dup" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((err as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("commits a transaction as a whole and rolls a failed one back as a whole", async () => {
    await db.$transaction(async (tx) => {
      await tx.cluster.create({ data: { name: "thread-a" } });
      await tx.cluster.create({ data: { name: "thread-b" } });
    });
    const failed = db.$transaction(async (tx) => {
      await tx.cluster.create({ data: { name: "thread-c" } });
      throw new Error("changed my mind");
    });
    await expect(failed).rejects.toThrow("changed my mind");
    const names = (await db.cluster.findMany({ where: { name: { startsWith: "thread-" } } })).map((c) => c.name).sort();
    expect(names).toEqual(["thread-a", "thread-b", "thread-dup"]);
  });

  it("answers a closed database with an error instead of hanging", async () => {
    const other = await PGliteThread.open("memory://");
    await other.close();
    await expect(other.call("queryRaw", { query: { sql: "SELECT 1", args: [], argTypes: [] } })).rejects.toThrow(/closed/);
  });
});

it("keeps a process that awaits closing the database alive until it is closed", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "prg-thread-"));
  const script = path.join(dir, "close.mts");
  const module = pathToFileURL(path.join(import.meta.dirname, "pglite-thread.ts")).href;
  await writeFile(script, [`import { PGliteThread } from ${JSON.stringify(module)};`, 'const thread = await PGliteThread.open("memory://");', "await thread.close();", 'console.log("after close");'].join("\n"));
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--import", "tsx", script], { cwd: process.cwd() }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(out).toContain("after close");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
