import { describe, expect, it } from "vitest";
import * as accountLocale from "@/app/api/account/locale/route.ts";
import * as group from "@/app/api/groups/[id]/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as session from "@/app/api/session/route.ts";
import { sessionLocale } from "@/lib/i18n/account-locale.ts";
import { renderErrorMessage } from "@/lib/i18n/api-errors.ts";
import { accountWithRole, signInAs } from "./support/accounts.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
const token = (cookie: string) => cookie.split("=")[1];

describe("languages", () => {
  it("every role saves its own language, kept across sign-ins; null follows the browser again", async () => {
    const reader = await accountWithRole(runtime().db, "reader-i18n", "read_only");
    const saved = await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", cookie: reader.cookie, body: { locale: "ja" } });
    expect(saved.status).toBe(200);
    expect(await sessionLocale(runtime().db, token(reader.cookie))).toBe("ja");
    // A new session of the same account finds the choice.
    const again = await signInAs("reader-i18n");
    expect(await sessionLocale(runtime().db, token(again))).toBe("ja");
    const cleared = await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", cookie: again, body: { locale: null } });
    expect(cleared.status).toBe(200);
    expect(await sessionLocale(runtime().db, token(again))).toBeNull();
  });

  it("refuses a language the console does not have, and an anonymous caller", async () => {
    const admin = await signInAsAdmin();
    const refused = await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", cookie: admin, body: { locale: "fr" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty("locale");
    expect((await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", body: { locale: "ja" } })).status).toBe(401);
  });

  it("answers the shared errors in the request's language with the same codes and field keys", async () => {
    const admin = await signInAsAdmin();
    const reader = await accountWithRole(runtime().db, "reader-i18n-2", "read_only");
    const ja = { "accept-language": "ja-JP,ja;q=0.9" };
    const zh = { "accept-language": "zh-CN,zh;q=0.9" };

    const notFound = await call(group.GET, { path: "/api/groups/x", cookie: admin, params: { id: "x" }, headers: ja });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { code: "not_found", message: await renderErrorMessage("ja", { key: "api.noSuchRecord" }) } });

    const body = { name: "", server1Id: 1 };
    const english = await call(groups.POST, { method: "POST", path: "/api/groups", cookie: admin, body });
    const chinese = await call(groups.POST, { method: "POST", path: "/api/groups", cookie: admin, body, headers: zh });
    expect(chinese.status).toBe(422);
    expect(chinese.body.error.code).toBe("validation_failed");
    expect(Object.keys(chinese.body.error.fields)).toEqual(Object.keys(english.body.error.fields));
    expect(english.body.error.message).toMatch(/^Invalid request\. name: /);
    expect(chinese.body.error.message).toMatch(/^请求无效。name：/);

    const forbidden = await call(groups.POST, { method: "POST", path: "/api/groups", cookie: reader.cookie, body, headers: ja });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe(
      await renderErrorMessage("ja", { key: "api.roleRefused", values: { role: { key: "role.read_only" }, permission: { key: "permission.inventory" } } }),
    );
    const forbiddenEn = await call(groups.POST, { method: "POST", path: "/api/groups", cookie: reader.cookie, body });
    expect(forbiddenEn.body.error.message).toBe("The Read-only role may not do this (add, edit and delete nodes and presence redundancy groups)");

    const badSignIn = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password: "wrong password" }, headers: zh });
    expect(badSignIn.status).toBe(401);
    expect(badSignIn.body.error.message).toBe(await renderErrorMessage("zh", { key: "api.badCredentials" }));
  });
});
