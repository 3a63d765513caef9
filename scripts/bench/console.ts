// Benchmark (not a test): the figures of a highly available console in one run,
// each part beside its own baseline of the same run:
//   take-over after kill -9 of the leader among three instances (PostgreSQL; the
//   embedded database is single-process), beside the lease lifetime and a bare UPDATE;
//   other groups' timer lateness during a 100,000-user import and a 15,000-user
//   failover, beside the idle lateness, on both databases;
//   throughput and p50/p99 of the HA, topology and user reads beside /api/health,
//   on both databases.
// Usage: npm run bench:console   (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
import { spawnSync } from "node:child_process";
import path from "node:path";

const server = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const here = import.meta.dirname;
const parts: { title: string; script: string; env?: Record<string, string> }[] = [
  { title: "Take-over after kill -9 of the leader (PostgreSQL)", script: "cluster.ts" },
  { title: "Timer lateness of one group while another works (both databases)", script: "timer-lag.ts" },
  { title: "Reads beside /api/health (embedded)", script: "reads.ts" },
  { title: "Reads beside /api/health (PostgreSQL)", script: "reads.ts", env: { DATABASE_URL: server } },
];

let failed = 0;
for (const part of parts) {
  console.log(`\n== ${part.title}`);
  // reads.ts runs on PostgreSQL when DATABASE_URL is set: only the part that says so gets it.
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(here, part.script)], {
    stdio: "inherit",
    env: { ...inherited, BENCH_POSTGRES_URL: server, ...part.env },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`(${part.script} ended with status ${run.status ?? run.signal})`);
  }
}
process.exit(failed ? 1 : 0);
