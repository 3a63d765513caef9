import pg from "pg";
import { describe, expect, it } from "vitest";
import { findSession, sessionCacheOf, sessionKey, signIn } from "@/lib/auth/sessions.ts";
import { userCounts } from "@/lib/ha/views.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
const onPostgres = process.env.TEST_DB_KIND === "postgres";

/**
 * A statement run as another console instance or a shell command would: on
 * PostgreSQL over a connection of its own, on the embedded database (one
 * process) through the same database but none of the session functions.
 */
async function elsewhere(sql: string, ...values: unknown[]): Promise<void> {
  if (!onPostgres) {
    await runtime().db.$executeRawUnsafe(sql, ...values);
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** On the embedded database the notice is heard before the statement's answer; on PostgreSQL it arrives over the listening connection. */
async function refusedFromNowOn(check: () => Promise<boolean>) {
  if (onPostgres) await expect.poll(check, { timeout: 5_000, interval: 10 }).toBe(true);
  else expect(await check()).toBe(true);
}

describe("sessions kept in memory", () => {
  it("serves a session's next requests from memory", async () => {
    const { token } = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD))!;
    expect(await findSession(runtime().db, token)).not.toBeNull();
    expect(sessionCacheOf(runtime().db).get(sessionKey(token))).toBeDefined();
  });

  it("refuses a session ended elsewhere (another instance, a shell command) from the next request on", async () => {
    const { token } = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD))!;
    expect(await findSession(runtime().db, token)).not.toBeNull();
    await elsewhere(`DELETE FROM "Session" WHERE "tokenHash" = $1`, sessionKey(token));
    await refusedFromNowOn(async () => (await findSession(runtime().db, token)) === null);
  });

  it("refuses a session whose expiry was moved to the past by hand, or whose table was emptied", async () => {
    const first = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD))!;
    expect(await findSession(runtime().db, first.token)).not.toBeNull();
    await elsewhere(`UPDATE "Session" SET "expiresAt" = now() - interval '1 minute' WHERE "tokenHash" = $1`, sessionKey(first.token));
    await refusedFromNowOn(async () => (await findSession(runtime().db, first.token)) === null);
    const second = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD))!;
    expect(await findSession(runtime().db, second.token)).not.toBeNull();
    await elsewhere(`TRUNCATE "Session"`);
    await refusedFromNowOn(async () => (await findSession(runtime().db, second.token)) === null);
  });

  it("takes an account disabled or given another role elsewhere from the next request on", async () => {
    const db = runtime().db;
    const account = await db.adminUser.create({ data: { username: "cache-operator", passwordHash: (await db.adminUser.findFirstOrThrow()).passwordHash, role: "operator" } });
    const { token } = (await signIn(db, "cache-operator", TEST_ADMIN_PASSWORD))!;
    expect((await findSession(db, token))?.user.role).toBe("operator");
    await elsewhere(`UPDATE "AdminUser" SET "role" = 'read_only' WHERE "id" = $1`, account.id);
    await refusedFromNowOn(async () => (await findSession(db, token))?.user.role === "read_only");
    await elsewhere(`UPDATE "AdminUser" SET "disabled" = true WHERE "id" = $1`, account.id);
    await refusedFromNowOn(async () => (await findSession(db, token)) === null);
  });
});

describe("reads kept until their tables are written", () => {
  it("counts a node's users again after users are written here or elsewhere", async () => {
    const db = runtime().db;
    const node = await db.node.findFirstOrThrow({ where: { groupId: { not: null } } });
    const assigned = async () => (await userCounts(db, [node.id])).get(node.id)!.assigned;
    const before = await assigned();
    expect(await userCounts(db, [node.id])).toBe(await userCounts(db, [node.id]));
    const user = await db.endUser.create({ data: { userId: "kept-read-1", userKey: "kept-read-1", firstKey: "", lastKey: "", clusterId: node.clusterId, assignedNodeId: node.id, servingNodeId: node.id } });
    expect(await assigned()).toBe(before + 1);
    await elsewhere(`DELETE FROM "EndUser" WHERE "id" = $1`, user.id);
    if (onPostgres) await expect.poll(assigned, { timeout: 5_000, interval: 10 }).toBe(before);
    else expect(await assigned()).toBe(before);
  });
});
