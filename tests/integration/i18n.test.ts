import { describe, expect, it } from "vitest";
import * as accountLocale from "@/app/api/account/locale/route.ts";
import * as group from "@/app/api/groups/[id]/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as session from "@/app/api/session/route.ts";
import * as serviceParameters from "@/app/api/service-parameters/route.ts";
import * as actions from "@/app/api/groups/[id]/actions/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as usersImport from "@/app/api/users/import/route.ts";
import * as faults from "@/app/api/nodes/[id]/faults/route.ts";
import * as scheduled from "@/app/api/groups/[id]/scheduled-actions/route.ts";
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

  it("answers field rules, a missing group and a domain refusal in Japanese and Chinese, codes and field keys as in English", async () => {
    const admin = await signInAsAdmin();
    const as = (lang?: string) => (lang ? { "accept-language": lang } : undefined);
    const post = (body: unknown, lang?: string) => call(groups.POST, { method: "POST", path: "/api/groups", cookie: admin, body, headers: as(lang) });

    // Field rules: each field's own message, worded per language.
    const bad = { name: "", description: "<b>", server1Id: 1, server2Id: 1 };
    const en = await post(bad);
    expect(en.status).toBe(422);
    expect(en.body.error.fields).toEqual({
      name: "Name is required",
      description: 'Description may not contain " % & \\ < > or control characters',
      server2Id: "Presence Server 2 must be a different node from Presence Server 1",
    });
    const ja = await post(bad, "ja");
    expect(ja.status).toBe(422);
    expect(ja.body.error.code).toBe("validation_failed");
    expect(ja.body.error.fields).toEqual({
      name: "名前は必須です",
      description: "説明に \" % & \\ < > および制御文字は使用できません",
      server2Id: "プレゼンス サーバ 2 にはプレゼンス サーバ 1 と異なるノードを指定する必要があります",
    });
    expect(ja.body.error.message).toBe("要求が無効です。name: 名前は必須です");
    const zh = await post(bad, "zh-CN");
    expect(zh.body.error.code).toBe("validation_failed");
    expect(Object.keys(zh.body.error.fields)).toEqual(Object.keys(en.body.error.fields));
    expect(zh.body.error.fields.name).toBe("名称为必填项");

    // A record that does not exist.
    const missing = (lang?: string) => call(group.GET, { path: "/api/groups/999999", cookie: admin, params: { id: "999999" }, headers: as(lang) });
    expect((await missing()).body).toEqual({ error: { code: "not_found", message: "No Presence Redundancy Group with id 999999" } });
    expect((await missing("ja")).body).toEqual({ error: { code: "not_found", message: "ID 999999 のプレゼンス冗長グループはありません" } });
    expect((await missing("zh")).body).toEqual({ error: { code: "not_found", message: "没有 ID 为 999999 的 Presence 冗余组" } });

    // A domain refusal: the group holding the database publisher cannot be deleted.
    const pub = await runtime().db.node.findUniqueOrThrow({ where: { hostName: "imp-pub" }, include: { group: true } });
    const remove = (lang?: string) =>
      call(group.DELETE, { method: "DELETE", path: `/api/groups/${pub.groupId}?version=${pub.group!.version}`, params: { id: String(pub.groupId) }, cookie: admin, headers: as(lang) });
    const refusedEn = await remove();
    expect(refusedEn.status).toBe(409);
    expect(refusedEn.body.error.message).toBe(
      `${pub.group!.name} holds the database publisher imp-pub, which must always belong to a Presence Redundancy Group; it cannot be deleted`,
    );
    const refusedJa = await remove("ja-JP");
    expect(refusedJa.status).toBe(409);
    expect(refusedJa.body.error.code).toBe("conflict");
    expect(refusedJa.body.error.message).toBe(`${pub.group!.name} にはデータベース パブリッシャ imp-pub が含まれています。パブリッシャは常にいずれかのプレゼンス冗長グループに属している必要があるため、このグループは削除できません`);
    const refusedZh = await remove("zh");
    expect(refusedZh.body.error.message).toBe(`${pub.group!.name} 包含数据库发布方 imp-pub，发布方必须始终属于某个 Presence 冗余组；无法删除该组`);
  });

  it("a rejected import names each row's problem in the request's language, its field keys as in English", async () => {
    const admin = await signInAsAdmin();
    const csv = "userId,firstName,lastName,signedIn\nbad user,A,B,maybe\n";
    const send = (lang: string) =>
      call(usersImport.POST, { method: "POST", path: "/api/users/import", cookie: admin, body: { csv }, headers: { "accept-language": lang } });
    const en = await send("en");
    expect(en.status).toBe(422);
    expect(en.body.error.fields["row 2: signedIn"]).toBe("Signed In must be true or false (or yes/no, 1/0, or empty for false)");
    expect(en.body.error.message).toMatch(/^Nothing was imported: 1 row has errors\. Row 2, userId: /);
    const ja = await send("ja");
    expect(Object.keys(ja.body.error.fields)).toEqual(Object.keys(en.body.error.fields));
    expect(ja.body.error.fields["row 2: signedIn"]).toBe("Signed In は true または false（yes/no、1/0、または空欄で false）にしてください");
    expect(ja.body.error.message).toMatch(/^何もインポートされませんでした：1 行にエラーがあります。行 2、userId：/);
  });

  it("a signed-in page gets errors in its account's language, whatever the browser asks", async () => {
    const cookie = await signInAsAdmin();
    expect((await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", cookie, body: { locale: "zh" } })).status).toBe(200);
    try {
      const answer = await call(group.GET, { path: "/api/groups/999999", cookie, params: { id: "999999" }, headers: { "accept-language": "ja" } });
      expect(answer.body.error.message).toBe("没有 ID 为 999999 的 Presence 冗余组");
    } finally {
      await call(accountLocale.PUT, { method: "PUT", path: "/api/account/locale", cookie, body: { locale: null } });
    }
  });

  it("a refused parameter save names each field's rule in the request's language; warnings come with their catalogue keys", async () => {
    const admin = await signInAsAdmin();
    const put = (lang: string) =>
      call(serviceParameters.PUT, { method: "PUT", path: "/api/service-parameters", cookie: admin, body: { cluster: { adminRpcPort: 0 } }, headers: { "accept-language": lang } });
    const en = await put("en");
    expect(en.status).toBe(422);
    const ja = await put("ja");
    expect(ja.body.error.code).toBe("validation_failed");
    expect(Object.keys(ja.body.error.fields)).toEqual(Object.keys(en.body.error.fields));
    expect(Object.values(ja.body.error.fields)[0]).toMatch(/^管理 RPC ポートは \d+ ～ \d+ の整数である必要があります$/);

    const view = await call(serviceParameters.GET, { path: "/api/service-parameters", cookie: admin });
    expect(view.body.warningMessages).toHaveLength(view.body.warnings.length);
  });

  it("an HA action the state does not allow is refused in the request's language, its states in the edition's words", async () => {
    const admin = await signInAsAdmin();
    const addNode = async (hostName: string) => {
      const answer = await call(nodes.POST, { method: "POST", path: "/api/nodes", cookie: admin, body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "i18n-lab" } });
      expect(answer.status).toBe(201);
      return answer.body.id as number;
    };
    await addNode("i18n-ha-pub");
    const [a, b] = [await addNode("i18n-ha-a"), await addNode("i18n-ha-b")];
    const created = await call(groups.POST, { method: "POST", path: "/api/groups", cookie: admin, body: { name: "I18N-HA", server1Id: a, server2Id: b, haEnabled: true } });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const act = (body: unknown, lang: string) =>
      call(actions.POST, { method: "POST", path: `/api/groups/${id}/actions`, params: { id }, cookie: admin, body, headers: { "accept-language": lang } });

    const en = await act({ action: "fallback", node: a }, "en");
    expect(en.status).toBe(409);
    expect(en.body.error.message).toBe(
      "Fallback of i18n-ha-a is allowed only when it is Idle or Failed Over and its peer runs in backup mode (now Normal / Normal)",
    );
    const ja = await act({ action: "fallback", node: a }, "ja");
    expect(ja.status).toBe(409);
    expect(ja.body.error.code).toBe("conflict");
    const nodeStates = (answer: typeof en) => answer.body.error.current.nodes.map((n: { state: string }) => n.state);
    expect(nodeStates(ja)).toEqual(nodeStates(en));
    expect(ja.body.error.message).toBe(
      "i18n-ha-a のフォールバックは、i18n-ha-a がアイドルまたはフェールオーバー済みで、ピアがバックアップモードで実行中の場合にのみ実行できます（現在 標準 / 標準）",
    );
    const zh = await act({ action: "recover" }, "zh");
    expect(zh.status).toBe(409);
    expect(zh.body.error.message).toBe("只有当 I18N-HA 的两个节点都处于故障状态时，才允许恢复");

    // A lab fault not possible now, and a scheduled action's refused time: refused in the request's language too.
    const fault = (lang: string) =>
      call(faults.POST, { method: "POST", path: `/api/nodes/${a}/faults`, params: { id: String(a) }, cookie: admin, body: { fault: "power-on" }, headers: { "accept-language": lang } });
    expect((await fault("en")).body.error.message).toBe("i18n-ha-a is not powered off");
    const faultJa = await fault("ja");
    expect([faultJa.status, faultJa.body.error.code, faultJa.body.error.message]).toEqual([409, "conflict", "i18n-ha-a は電源オフではありません"]);
    const schedule = (lang: string) =>
      call(scheduled.POST, { method: "POST", path: `/api/groups/${id}/scheduled-actions`, params: { id }, cookie: admin, body: { action: "recover", at: 0 }, headers: { "accept-language": lang } });
    const past = await schedule("en");
    expect([past.status, past.body.error.fields]).toEqual([422, { at: "must be later than the lab time now" }]);
    const pastZh = await schedule("zh");
    expect([pastZh.status, pastZh.body.error.fields]).toEqual([422, { at: "必须晚于当前的实验室时间" }]);
  });
});
