import { describe, expect, it } from "vitest";
import * as accountPassword from "@/app/api/account/password/route.ts";
import * as accountReset from "@/app/api/accounts/[id]/password/route.ts";
import * as account from "@/app/api/accounts/[id]/route.ts";
import * as accounts from "@/app/api/accounts/route.ts";
import * as auditExport from "@/app/api/audit/export/route.ts";
import * as audit from "@/app/api/audit/route.ts";
import * as group from "@/app/api/groups/[id]/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as session from "@/app/api/session/route.ts";
import { resetAdminPassword } from "@/lib/auth/admin-commands.ts";
import { createToken } from "@/lib/tokens/api-tokens.ts";
import { accountWithRole, ROLE_PASSWORD, signInAs } from "./support/accounts.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

const newPassword = "a new long passphrase";

describe("accounts", () => {
  it("adds an account under the password policy shared with the form", async () => {
    const cookie = await signInAsAdmin();
    for (const [password, field] of [
      ["short", "password"],
      ["aaaaaaaaaaaaaaaa", "password"],
      ["my-name-is-carol-ok", "password"],
    ] as const) {
      const refused = await call(accounts.POST, { method: "POST", path: "/api/accounts", cookie, body: { username: "carol", role: "operator", password } });
      expect(refused.status, password).toBe(422);
      expect(refused.body.error.fields).toHaveProperty(field);
    }
    const made = await call(accounts.POST, { method: "POST", path: "/api/accounts", cookie, body: { username: "carol", role: "operator", password: ROLE_PASSWORD } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ username: "carol", role: "operator", disabled: false, mustChangePassword: false });
    const again = await call(accounts.POST, { method: "POST", path: "/api/accounts", cookie, body: { username: "carol", role: "read_only", password: ROLE_PASSWORD } });
    expect(again.status).toBe(409);
    const list = await call(accounts.GET, { path: "/api/accounts", cookie });
    expect(list.body.map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining(["admin", "carol"]));
    // The password never leaves the server, nor goes into the audit log.
    expect(JSON.stringify(list.body)).not.toMatch(/hash|argon/i);
    const row = await runtime().db.auditLog.findFirst({ where: { action: "createAccount", outcome: "ok" } });
    expect(JSON.stringify(row?.detail)).not.toContain(ROLE_PASSWORD);
    expect(row).toMatchObject({ username: "admin" });
  });

  it("a reset password must be changed before anything else, and the reset ends the account's sessions", async () => {
    const admin = await signInAsAdmin();
    const dave = await accountWithRole(runtime().db, "dave", "operator");
    const reset = await call(accountReset.PUT, { method: "PUT", path: `/api/accounts/${dave.id}/password`, cookie: admin, params: { id: String(dave.id) }, body: { password: "temporary password 1" } });
    expect(reset.status).toBe(200);
    expect((await call(nodes.GET, { path: "/api/nodes", cookie: dave.cookie })).status).toBe(401);

    const cookie = await signInAs("dave", "temporary password 1");
    const me = await call(session.GET, { path: "/api/session", cookie });
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await call(nodes.GET, { path: "/api/nodes", cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toMatch(/choose a new one/);

    const wrong = await call(accountPassword.PUT, { method: "PUT", path: "/api/account/password", cookie, body: { currentPassword: "not it", newPassword } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toHaveProperty("currentPassword");
    const other = await signInAs("dave", "temporary password 1");
    const changed = await call(accountPassword.PUT, { method: "PUT", path: "/api/account/password", cookie, body: { currentPassword: "temporary password 1", newPassword } });
    expect(changed.status).toBe(200);
    // This session goes on; the other one, which knew only the old password, ended.
    expect((await call(nodes.GET, { path: "/api/nodes", cookie })).status).toBe(200);
    expect((await call(nodes.GET, { path: "/api/nodes", cookie: other })).status).toBe(401);
    await signInAs("dave", newPassword);
  });

  it("disabling ends sessions at once, refuses sign-in and the account's API tokens; enabling gives them back", async () => {
    const admin = await signInAsAdmin();
    const erin = await accountWithRole(runtime().db, "erin", "read_only");
    const { secret } = await createToken(runtime().db, erin.id, { name: "erin-script" });
    const bearer = { authorization: `Bearer ${secret}` };
    const off = await call(account.PATCH, { method: "PATCH", path: `/api/accounts/${erin.id}`, cookie: admin, params: { id: String(erin.id) }, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await call(nodes.GET, { path: "/api/nodes", cookie: erin.cookie })).status).toBe(401);
    expect((await call(nodes.GET, { path: "/api/nodes", headers: bearer })).status).toBe(401);
    const signIn = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "erin", password: ROLE_PASSWORD } });
    expect(signIn.status).toBe(401);
    const row = await runtime().db.auditLog.findFirst({ where: { action: "updateAccount" }, orderBy: { id: "desc" } });
    expect(row?.detail).toMatchObject({ before: { disabled: false }, after: { disabled: true } });

    await call(account.PATCH, { method: "PATCH", path: `/api/accounts/${erin.id}`, cookie: admin, params: { id: String(erin.id) }, body: { disabled: false, role: "operator" } });
    expect((await call(nodes.GET, { path: "/api/nodes", headers: bearer })).status).toBe(200);
    const me = await call(session.GET, { path: "/api/session", cookie: await signInAs("erin") });
    expect(me.body.user.role).toBe("operator");
  });

  it("keeps an administrator: not one's own account, not the last Super User", async () => {
    const admin = await signInAsAdmin();
    const adminId = (await runtime().db.adminUser.findUniqueOrThrow({ where: { username: "admin" } })).id;
    for (const [method, body] of [["PATCH", { disabled: true }], ["PATCH", { role: "read_only" }], ["DELETE", undefined]] as const) {
      const handler = method === "PATCH" ? account.PATCH : account.DELETE;
      const answer = await call(handler, { method, path: `/api/accounts/${adminId}`, cookie: admin, params: { id: String(adminId) }, body });
      expect(answer.status, `${method} ${JSON.stringify(body)}`).toBe(409);
    }
    const frank = await accountWithRole(runtime().db, "frank", "super_user");
    // Another Super User may not remove the last other one either once admin is disabled.
    await runtime().db.adminUser.update({ where: { id: adminId }, data: { disabled: true } });
    const demote = await call(account.PATCH, { method: "PATCH", path: `/api/accounts/${frank.id}`, cookie: frank.cookie, params: { id: String(frank.id) }, body: { role: "operator" } });
    expect(demote.status).toBe(409);
    // The shell gives back a working admin, whatever was done to it.
    const { password } = await resetAdminPassword(runtime().db, { ADMIN_PASSWORD: TEST_ADMIN_PASSWORD || "recovered password 1" });
    const back = await signInAs("admin", password);
    expect((await call(session.GET, { path: "/api/session", cookie: back })).body.user).toMatchObject({ role: "super_user", mustChangePassword: false });
    const del = await call(account.DELETE, { method: "DELETE", path: `/api/accounts/${frank.id}`, cookie: back, params: { id: String(frank.id) } });
    expect(del.status).toBe(204);
    expect((await call(nodes.GET, { path: "/api/nodes", cookie: frank.cookie })).status).toBe(401);
  });
});

describe("audit log", () => {
  it("records sign-in success and failure, sign-out, edits with before and after, and refusals", async () => {
    const db = runtime().db;
    await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password: "wrong password" } });
    const cookie = await signInAsAdmin();
    const list = await call(groups.GET, { path: "/api/groups", cookie });
    const g = list.body.items[0];
    const edited = await call(group.PATCH, { method: "PATCH", path: `/api/groups/${g.id}`, cookie, params: { id: String(g.id) }, body: { description: "audited edit", version: g.version } });
    expect(edited.status).toBe(200);
    const viewer = await accountWithRole(db, "gina", "read_only");
    await call(group.PATCH, { method: "PATCH", path: `/api/groups/${g.id}`, cookie: viewer.cookie, params: { id: String(g.id) }, body: { description: "not allowed", version: g.version } });
    await call(session.DELETE, { method: "DELETE", path: "/api/session", cookie: viewer.cookie });

    await call(group.PATCH, { method: "PATCH", path: `/api/groups/${g.id}`, cookie, params: { id: String(g.id) }, headers: { origin: "http://evil.example" }, body: { description: "forged", version: g.version } });

    const rows = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "signIn", username: "admin", outcome: "refused", status: 401 }),
        expect.objectContaining({ action: "signIn", username: "admin", outcome: "ok", status: 200 }),
        expect.objectContaining({ action: "signIn", username: "gina", outcome: "ok" }),
        expect.objectContaining({ action: "signOut", username: "gina", outcome: "ok" }),
        expect.objectContaining({ action: "updateGroup", username: "gina", outcome: "refused", status: 403 }),
        expect.objectContaining({ action: "updateGroup", outcome: "refused", status: 403, message: "Requests from another origin are refused" }),
      ]),
    );
    const edit = rows.find((r) => r.action === "updateGroup" && r.outcome === "ok")!;
    expect(edit).toMatchObject({ username: "admin", path: `/api/groups/${g.id}` });
    expect(edit.detail).toMatchObject({ params: { id: String(g.id) }, before: { description: g.description }, after: { description: "audited edit" } });
    expect(edit.address).toBeTruthy();
    expect(JSON.stringify(rows.map((r) => r.detail))).not.toContain("wrong password");
  });

  it("lists with filters and exports CSV, formulas neutralised", async () => {
    const cookie = await signInAsAdmin();
    await call(session.POST, { method: "POST", path: "/api/session", body: { username: "=HYPERLINK(1)", password: "x" } });
    const refused = await call(audit.GET, { path: "/api/audit?outcome=refused&action=signIn", cookie });
    expect(refused.status).toBe(200);
    expect(refused.body.total).toBeGreaterThan(0);
    expect(refused.body.items.every((r: { outcome: string; action: string }) => r.outcome === "refused" && r.action === "signIn")).toBe(true);
    const byUser = await call(audit.GET, { path: "/api/audit?username=gina", cookie });
    expect(byUser.body.items.every((r: { username: string }) => r.username === "gina")).toBe(true);
    const future = await call(audit.GET, { path: "/api/audit?from=2999-01-01", cookie });
    expect(future.body.total).toBe(0);
    expect((await call(audit.GET, { path: "/api/audit?from=yesterday", cookie })).status).toBe(422);

    const response = await auditExport.GET(
      new (await import("next/server")).NextRequest("http://127.0.0.1/api/audit/export?action=signIn", { headers: { cookie, host: "127.0.0.1" } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="audit-log-/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,at,username,address,action,method,path,outcome,status,message,detail");
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.some((l) => l.includes(",'=HYPERLINK(1),"))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(",signIn,"))).toBe(true);
  });

  it("is append-only in the database: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const db = runtime().db;
    const before = await db.auditLog.count();
    expect(before).toBeGreaterThan(0);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditLog" SET "username" = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count()).toBe(before);
    expect(await db.auditLog.count({ where: { username: "someone else" } })).toBe(0);
  });
});
