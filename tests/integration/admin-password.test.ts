import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import * as session from "@/app/api/session/route.ts";
import { resetAdminPassword, seedDatabase } from "@/lib/auth/admin-commands.ts";
import { embeddedDatabaseInUse } from "@/lib/server/shell-database.ts";
import { call } from "./support/call.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

const signIn = async (password: string) =>
  (await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password } })).status;

/** The framed password in the printed lines. */
const framed = (lines: string[]) => {
  const rule = lines.findIndex((l) => /^\+-+\+$/.test(l));
  expect(rule, lines.join("\n")).toBeGreaterThanOrEqual(0);
  expect(lines.at(-1)).toBe(lines[rule]);
  const password = lines.slice(rule).map((l) => /^\|\s{5}(\S+)\s*\|$/.exec(l)?.[1]).find(Boolean);
  expect(password).toBeDefined();
  return password!;
};

describe("npm run db:seed and the admin password", () => {
  it("honours ADMIN_PASSWORD on an existing admin account, ending its sessions", async () => {
    expect(await signIn(TEST_ADMIN_PASSWORD)).toBe(200);
    expect(await runtime().db.session.count()).toBe(1);
    const lines = await seedDatabase(runtime().db, { ADMIN_PASSWORD: "seeded-Pw-1" });
    expect(lines).toEqual([
      "Inventory not empty: no demo cluster added.",
      'The password of "admin" was reset to ADMIN_PASSWORD; 1 signed-in session ended.',
    ]);
    expect(await runtime().db.session.count()).toBe(0);
    expect(await signIn(TEST_ADMIN_PASSWORD)).toBe(401);
    expect(await signIn("seeded-Pw-1")).toBe(200);
  });

  it("leaves an existing password alone without ADMIN_PASSWORD, and says how to change it", async () => {
    const lines = await seedDatabase(runtime().db, {});
    expect(lines[1]).toMatch(/"admin" exists: its password is unchanged .*npm run admin:reset-password/);
    expect(await signIn("seeded-Pw-1")).toBe(200);
  });

  it("creates admin on an empty database with a generated password, printed framed", async () => {
    await runtime().db.adminUser.deleteMany();
    const lines = await seedDatabase(runtime().db, {});
    expect(lines[1]).toBe('Created "admin".');
    const password = framed(lines);
    expect(password).toHaveLength(16);
    expect(await signIn(password)).toBe(200);
  });

  it("refuses an ADMIN_PASSWORD that could not be typed at sign-in, changing nothing", async () => {
    const before = await runtime().db.adminUser.findUniqueOrThrow({ where: { username: "admin" } });
    await expect(seedDatabase(runtime().db, { ADMIN_PASSWORD: "p".repeat(257) })).rejects.toThrow("ADMIN_PASSWORD: Password may be at most 256 characters");
    expect((await runtime().db.adminUser.findUniqueOrThrow({ where: { username: "admin" } })).passwordHash).toBe(before.passwordHash);
  });
});

describe("npm run admin:reset-password", () => {
  it("sets ADMIN_PASSWORD, stored as an argon2id hash", async () => {
    const { lines } = await resetAdminPassword(runtime().db, { ADMIN_PASSWORD: "reset-Pw-2" });
    expect(lines).toEqual(['The password of "admin" was reset to ADMIN_PASSWORD; 1 signed-in session ended.']);
    const admin = await runtime().db.adminUser.findUniqueOrThrow({ where: { username: "admin" } });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await signIn("reset-Pw-2")).toBe(200);
  });

  it("without ADMIN_PASSWORD generates one and prints it framed", async () => {
    const { password, lines } = await resetAdminPassword(runtime().db, {});
    expect(framed(lines)).toBe(password);
    expect(lines[0]).toMatch(/^The password of "admin" was reset; 1 signed-in session ended\.$/);
    expect(await signIn("reset-Pw-2")).toBe(401);
    expect(await signIn(password)).toBe(200);
  });

  it("refuses an embedded database a running console holds open", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "prg-inuse-"));
    const dataDir = path.join(dir, "pglite");
    try {
      const open = await PGlite.create(dataDir);
      expect(embeddedDatabaseInUse({ kind: "embedded", dataDir })).toMatch(/is in use by a running console: stop the console/);
      await open.close();
      expect(embeddedDatabaseInUse({ kind: "embedded", dataDir })).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
