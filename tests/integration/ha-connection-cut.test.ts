import pg from "pg";
import { expect, it } from "vitest";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { useHaLab } from "./support/ha-lab.ts";

/**
 * A database connection cut right after a failover committed must not turn
 * the answer into a 500: the failover happened, and the answer says so
 * (issue 9, item 17). Only a real server has connections to cut.
 */
const lab = useHaLab();

it.skipIf(process.env.TEST_DB_KIND !== "postgres")(
  "the status read after a committed failover survives its connection being cut",
  async () => {
    const p = await lab.pair([3, 2]);
    const status = await lab.controller().action(p.groupId, "failover", p.n1, "admin");
    const admin = new pg.Client({ connectionString: lab.databaseUrl() });
    await admin.connect();
    try {
      // Hold the users table so the read blocks on a known connection, then cut that connection.
      await admin.query('BEGIN; LOCK TABLE "EndUser" IN ACCESS EXCLUSIVE MODE');
      const answer = withUserCounts(lab.runtime().db, [status]);
      let blocked: number | undefined;
      for (let i = 0; i < 200 && blocked === undefined; i++) {
        const rows = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() LIMIT 1",
        );
        blocked = rows.rows[0]?.pid;
        if (blocked === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      expect(blocked).toBeDefined();
      await admin.query("SELECT pg_terminate_backend($1)", [blocked]);
      await admin.query("COMMIT");
      const [view] = await answer;
      expect(view!.nodes.map((n) => [n.state, n.reason])).toEqual([
        [S.FAILING_OVER, R.ADMIN],
        [S.TAKING_OVER, R.ADMIN],
      ]);
      expect(view!.nodes.map((n) => n.users.assigned)).toEqual([3, 2]);
    } finally {
      await admin.end();
    }
  },
);

it.skipIf(process.env.TEST_DB_KIND !== "postgres")(
  "idle connections the server ends (a restart, an administrator) do not stop the console",
  async () => {
    const p = await lab.pair([3, 2]);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on("uncaughtException", onError);
    const admin = new pg.Client({ connectionString: lab.databaseUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
      // The ends reach the pool's idle clients asynchronously.
      await new Promise((r) => setTimeout(r, 500));
      expect(errors).toEqual([]);
      const [view] = await withUserCounts(lab.runtime().db, [lab.controller().groupStatus(p.groupId)]);
      expect(view!.nodes.map((n) => n.state)).toEqual([S.NORMAL, S.NORMAL]);
    } finally {
      process.off("uncaughtException", onError);
      await admin.end();
    }
  },
);
