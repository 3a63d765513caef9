// Benchmark (not a test) of the read endpoints beside GET /api/health, in one run:
// throughput and p50/p99 of GET /api/groups/{id}/ha, /api/ha, /api/topology and
// /api/users with CONCURRENCY connections over real HTTP (a node:http server
// around the route modules, as Next.js calls them), each beside /api/health.
// On the embedded database by default; with DATABASE_URL (a PostgreSQL server),
// on a fresh database created there and dropped afterwards.
// Usage: npx tsx scripts/bench/reads.ts        (BENCH_SECONDS=6 per endpoint, BENCH_ROUNDS=5, BENCH_USERS=10000)
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { NextRequest } from "next/server";
import * as groupHaRoute from "../../app/api/groups/[id]/ha/route.ts";
import * as haRoute from "../../app/api/ha/route.ts";
import * as healthRoute from "../../app/api/health/route.ts";
import * as sessionRoute from "../../app/api/session/route.ts";
import * as topologyRoute from "../../app/api/topology/route.ts";
import * as usersRoute from "../../app/api/users/route.ts";
import { seedDemoInventory } from "../../lib/inventory/demo-seed.ts";
import { getRuntime } from "../../lib/server/runtime.ts";
import { insertUsers } from "../../lib/users/bulk.ts";

const CONCURRENCY = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

const routes: { pattern: RegExp; handler: Handler; params: (m: RegExpMatchArray) => Record<string, string> }[] = [
  { pattern: /^\/api\/health$/, handler: healthRoute.GET as Handler, params: () => ({}) },
  { pattern: /^\/api\/ha$/, handler: haRoute.GET as Handler, params: () => ({}) },
  { pattern: /^\/api\/topology$/, handler: topologyRoute.GET as Handler, params: () => ({}) },
  { pattern: /^\/api\/users$/, handler: usersRoute.GET as Handler, params: () => ({}) },
  { pattern: /^\/api\/groups\/([^/]+)\/ha$/, handler: groupHaRoute.GET as Handler, params: (m) => ({ id: m[1]! }) },
  { pattern: /^\/api\/session$/, handler: sessionRoute.POST as Handler, params: () => ({}) },
];

function serve(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const route = routes.map((r) => ({ r, m: url.pathname.match(r.pattern) })).find((x) => x.m);
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new NextRequest(url, { method: req.method, headers, body });
      const response = await route.r.handler(request, { params: Promise.resolve(route.r.params(route.m!)) });
      const out = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(out);
    } catch (err) {
      console.error(err);
      res.writeHead(500).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** CONCURRENCY keep-alive connections, each sending the next request as soon as the last answered. */
async function load(port: number, path: string, cookie: string, seconds = SECONDS) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: "127.0.0.1", port, path, agent, headers: { cookie, host: "127.0.0.1" } }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) errors++;
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), errors };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  let drop = async () => {};
  process.env.ADMIN_PASSWORD ??= randomBytes(12).toString("hex");
  if (serverUrl) {
    const name = `prg_bench_reads_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    process.env.DATABASE_URL = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    process.env.PGLITE_DIR = "memory://";
  }
  const rt = await getRuntime();
  try {
    await seedDemoInventory(rt.db);
    // On PostgreSQL the controller runs once this instance holds the lease; then it loads the seeded groups.
    for (let i = 0; i < 100 && !rt.controller.leading; i++) await new Promise((r) => setTimeout(r, 100));
    await rt.controller.changeGroups("bench", async () => {});
    const group = await rt.db.presenceRedundancyGroup.findFirstOrThrow({ include: { nodes: true } });
    const node = group.nodes[0];
    await insertUsers(
      rt.db,
      Array.from({ length: USERS }, (_, i) => ({ userId: `bench${i}`, firstName: `F${i}`, lastName: `L${i}`, assignedNodeId: node?.id ?? null, signedIn: i % 2 === 0 })),
    );
    const { port, close } = await serve();
    const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` },
      body: JSON.stringify({ username: "admin", password: process.env.ADMIN_PASSWORD }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    console.log(`${rt.database} database, ${USERS} users, ${CONCURRENCY} connections, ${SECONDS} s per endpoint`);
    const paths = [`/api/groups/${group.id}/ha`, "/api/ha", "/api/topology", "/api/users"];
    // Warm-up, so no figure includes the first compilation of a path.
    for (const path of ["/api/health", ...paths]) await load(port, path, cookie, 1);
    const fmt = (r: Awaited<ReturnType<typeof load>>) =>
      `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  p99/p50 ${(r.p99 / r.p50).toFixed(1)}${r.errors ? `  errors ${r.errors}` : ""}`;
    for (const path of paths) {
      // The baseline and the endpoint alternate in ROUNDS short runs, so both see the same (shared, noisy)
      // machine; the figures are the round with the median ratio.
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) {
        const base = await load(port, "/api/health", cookie, SECONDS / ROUNDS);
        const r = await load(port, path, cookie, SECONDS / ROUNDS);
        rounds.push({ base, r, ratio: r.rps / base.rps });
      }
      rounds.sort((a, b) => a.ratio - b.ratio);
      const { base, r, ratio } = rounds[Math.floor(ROUNDS / 2)]!;
      console.log(`${"/api/health".padEnd(22)} ${fmt(base)}`);
      console.log(`${path.padEnd(22)} ${fmt(r)}   throughput ${ratio.toFixed(2)}× health (median of ${ROUNDS} alternating rounds: ${rounds.map((x) => x.ratio.toFixed(2)).join(", ")})`);
    }
    await close();
  } finally {
    await rt.close();
    await drop();
  }
}

await main();
