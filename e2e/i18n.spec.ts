import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { acceptNextDialog, adminApi, ensureNode, hydrated, signedIn, visit } from "./support.ts";

/**
 * The console in Japanese and Chinese, chosen by the browser's language and
 * then by the header's picker: the words expected are the catalogues' (whose
 * state and reason labels lib/i18n/seed-terms.test.ts holds to the seed editions).
 */
type Tree = { [key: string]: string | Tree };
const catalogue = (locale: string, ns: string) => JSON.parse(readFileSync(new URL(`../messages/${locale}/${ns}.json`, import.meta.url), "utf8")) as Tree;

/** A message of a catalogue with its simple `{name}` arguments filled in. */
function text(tree: Tree, key: string, values: Record<string, string> = {}): string {
  const found = key.split(".").reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree);
  if (typeof found !== "string") throw new Error(`${key} is not a message`);
  return found.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

const PASSWORD = "e2e-i18n-password-1";
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  expect((await api.put("/api/lab", { data: { speed: 1, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 } })).ok()).toBe(true);
});
test.afterAll(async () => api.dispose());

async function signInAs(page: Page, username: string, auth: Tree) {
  await visit(page, "/login");
  await page.getByLabel(text(auth, "userId")).fill(username);
  await page.getByLabel(text(auth, "password")).fill(PASSWORD);
  await page.getByRole("button", { name: text(auth, "login") }).click();
  await signedIn(page);
  await expect(page.getByTestId("signed-in-user")).toHaveText(username);
}

/** axe's serious and critical findings and sideways overflow, at desktop and phone widths. */
async function checkLayoutAndAccessibility(page: Page) {
  const problems: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const result = await new AxeBuilder({ page }).setLegacyMode(true).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    for (const v of result.violations) if (v.impact === "serious" || v.impact === "critical") problems.push(`${width} px ${v.id}: ${v.help}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${width} px: page is ${overflow}px wider than the screen`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(problems).toEqual([]);
}

for (const { locale, browserLocale, other, htmlLang } of [
  { locale: "ja", browserLocale: "ja-JP", other: "zh", htmlLang: "ja" },
  { locale: "zh", browserLocale: "zh-CN", other: "ja", htmlLang: "zh-Hans" },
] as const) {
  test.describe(`${browserLocale} browser`, () => {
    test.use({ locale: browserLocale });
    const [auth, shell, groups, ha] = ["auth", "shell", "groups", "ha"].map((ns) => catalogue(locale, ns)) as [Tree, Tree, Tree, Tree];
    const username = `e2e-i18n-${locale}`;
    const hosts = [`e2e-i18n-${locale}-a`, `e2e-i18n-${locale}-b`] as const;
    const state = (name: string) => text(ha, `state.${name}`);
    const reason = (name: string) => text(ha, `reason.${name}`);
    const row = (page: Page, host: string) => page.getByTestId(`node-row-${host}`);
    async function expectRow(page: Page, host: string, s: string, r: string) {
      await expect(row(page, host).getByTestId("node-state")).toHaveText(state(s));
      await expect(row(page, host).getByTestId("node-reason")).toHaveText(reason(r));
    }

    test.beforeAll(async () => {
      const created = await api.post("/api/accounts", { data: { username, role: "super_user", password: PASSWORD } });
      expect([201, 409]).toContain(created.status());
      for (const host of hosts) await ensureNode(api, host);
    });

    test("signs in, creates a group, fails over and falls back in the edition's words", async ({ page }) => {
      test.setTimeout(90_000);
      await signInAs(page, username, auth);
      await expect(page.locator("html")).toHaveAttribute("lang", htmlLang);
      await expect(page.getByTestId("language-picker")).toHaveValue(locale);
      await expect(page.getByRole("navigation", { name: text(shell, "mainMenu") })).toContainText(text(shell, "menu.system"));

      await visit(page, "/system/presence-redundancy-groups/new");
      await expect(page).toHaveTitle(new RegExp(`^${text(groups, "title.new")} \\|`));
      const form = page.getByRole("form", { name: text(groups, "title.configuration") });
      await form.getByLabel(text(groups, "form.name")).fill(`E2E-I18N-${locale}`);
      await form.getByLabel(text(groups, "form.server1")).selectOption({ label: `${hosts[0]} (15.0.1.12900-12)` });
      await form.getByLabel(text(groups, "form.server2"), { exact: true }).selectOption({ label: `${hosts[1]} (15.0.1.12900-12)` });
      await expect(page.getByTestId("ha-prerequisites")).toContainText(text(groups, "prerequisites.met"));
      await form.getByLabel(text(groups, "form.enableHa")).check();
      await form.getByRole("button", { name: text(groups, "form.save") }).click();
      await expect(page.getByTestId("status-line")).toHaveText(text(groups, "form.added"));
      await expectRow(page, hosts[0], "Normal", "Normal");
      await expectRow(page, hosts[1], "Normal", "Normal");
      await expect(page.getByTestId("recommended-action")).toHaveText(`${text(ha, "recommended")} ${text(ha, "table2.row1")}`);
      const [clients, planning] = ["clients", "planning"].map((ns) => catalogue(locale, ns)) as [Tree, Tree];
      await expect(page.getByText(text(clients, "counters.caption"), { exact: true })).toBeVisible();
      await expect(page.getByTestId("no-outage-reports")).toHaveText(text(clients, "outage.none"));
      await expect(page.getByTestId("drills").getByRole("button", { name: text(planning, "drills.start") })).toBeVisible();
      const whatIf = page.getByTestId("what-if");
      await whatIf.getByLabel(text(planning, "whatIf.change")).selectOption("failover");
      await whatIf.getByLabel(text(planning, "whatIf.node")).selectOption({ label: hosts[0] });
      await whatIf.getByRole("button", { name: text(planning, "whatIf.preview") }).click();
      await expect(page.getByTestId("preview-result")).toContainText(text(planning, "whatIf.stateReason", { state: state("Idle"), reason: reason("On Admin Request") }));
      await checkLayoutAndAccessibility(page);

      const confirm = acceptNextDialog(page);
      await row(page, hosts[0]).getByRole("button", { name: text(ha, "aria.failover", { host: hosts[0] }) }).click();
      expect(await confirm).toContain(hosts[0]);
      await expectRow(page, hosts[0], "Idle", "On Admin Request");
      await expectRow(page, hosts[1], "Running in Backup Mode", "On Admin Request");
      await expect(page.getByTestId("ha-message")).toContainText(text(ha, "title.failover", { host: hosts[0] }));
      await expect(page.getByTestId("ha-message")).toContainText(state("Running in Backup Mode"));
      await expect(page.getByTestId("recommended-action")).toHaveText(`${text(ha, "recommended")} ${text(ha, "table2.row3")}`);
      // The history the SRM recorded shows in the page's language, not as the English it stores for the API.
      const history = page.getByTestId("event-history");
      await expect(history).toContainText(text(ha, "event.failoverRequested", { host: hosts[0], peer: hosts[1] }));
      await expect(history).toContainText(text(ha, "event.stateReasonCause", { host: hosts[0], state: state("Idle"), reason: reason("On Admin Request"), cause: "" }).trim());
      await expect(history).not.toContainText(`Failover of ${hosts[0]} to ${hosts[1]} requested`);
      const fallbackButton = row(page, hosts[0]).getByRole("button", { name: text(ha, "aria.fallback", { host: hosts[0] }) });
      await expect(fallbackButton).toHaveText(text(ha, "button.fallback"));
      await checkLayoutAndAccessibility(page);

      const fallback = acceptNextDialog(page);
      await fallbackButton.click();
      await fallback;
      await expectRow(page, hosts[0], "Normal", "Normal");
      await expectRow(page, hosts[1], "Normal", "Normal");
      await expect(row(page, hosts[0]).getByRole("button", { name: text(ha, "aria.failover", { host: hosts[0] }) })).toHaveText(text(ha, "button.failover"));

      // The API keeps its English values whatever the browser's language.
      const overview = (await (await page.request.get("/api/ha")).json()) as { groups: { groupName: string; nodes: { state: string; reason: string }[] }[] };
      const group = overview.groups.find((g) => g.groupName === `E2E-I18N-${locale}`)!;
      expect(group.nodes.map((n) => [n.state, n.reason])).toEqual([["Normal", "Normal"], ["Normal", "Normal"]]);

      await visit(page, "/system/high-availability");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(shell, "menu.haStatus"));
      await expectRow(page, hosts[0], "Normal", "Normal");
      await checkLayoutAndAccessibility(page);
    });

    test("end users, parameters, servers, Control Center, accounts, tokens and alerts in the edition's words", async ({ page }) => {
      test.setTimeout(180_000);
      const [users, params, servers, serviceability, accounts, tokens, alerts] = ["users", "params-pages", "servers", "serviceability", "accounts", "tokens", "alerts"].map((ns) =>
        catalogue(locale, ns),
      ) as [Tree, Tree, Tree, Tree, Tree, Tree, Tree];
      await signInAs(page, username, auth);
      const pages = [
        { path: "/user-management/end-users", title: text(users, "title.list"), button: text(users, "list.addNew") },
        { path: "/user-management/presence-topology", title: text(users, "title.topology"), link: text(users, "topology.endUsers") },
        { path: "/system/service-parameters", title: text(params, "title.service"), button: text(params, "common.setToDefault") },
        { path: "/system/enterprise-parameters", title: text(params, "title.enterprise"), button: text(params, "common.save") },
        { path: "/system/server", title: text(servers, "title.list"), button: text(servers, "list.addNew") },
        { path: "/system/application-users", title: text(accounts, "title.applicationUsers"), button: text(accounts, "users.addButton") },
        { path: "/system/audit-log", title: text(accounts, "title.auditLog"), link: text(accounts, "audit.export") },
        { path: "/system/api-tokens", title: text(tokens, "title"), button: text(tokens, "createButton") },
        { path: "/serviceability/alert-central", title: text(alerts, "title"), button: text(alerts, "save") },
      ];
      for (const p of pages) {
        await visit(page, p.path);
        await expect(page).toHaveTitle(new RegExp(`^${p.title} \\|`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.title);
        const main = page.getByRole("main");
        if (p.button) await expect(main.getByRole("button", { name: p.button, exact: true }).first()).toBeVisible();
        if (p.link) await expect(main.getByRole("link", { name: p.link, exact: true })).toBeVisible();
        await checkLayoutAndAccessibility(page);
      }

      await visit(page, "/serviceability/control-center");
      await expect(page).toHaveTitle(new RegExp(`^${text(serviceability, "title")} \\|`));
      await page.getByRole("combobox", { name: text(serviceability, "server") }).selectOption({ label: hosts[0] });
      const stop = page.getByRole("button", { name: text(serviceability, "actionOf.stop", { service: "Cisco XCP Router" }) });
      await expect(stop).toHaveText(text(serviceability, "button.stop"));
      await expect(page.getByTestId("service-Cisco XCP Router")).toContainText(text(serviceability, "started"));
      await checkLayoutAndAccessibility(page);

      await visit(page, "/change-password");
      await expect(page).toHaveTitle(new RegExp(`^${text(auth, "changePassword.title")} \\|`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(auth, "changePassword.heading", { username }));
      await expect(page.getByRole("button", { name: text(auth, "changePassword.submit") })).toBeVisible();
      await checkLayoutAndAccessibility(page);
    });

    test("a group form's field errors, the server's refusal and the HA prerequisites verdict in the edition's words", async ({ page }) => {
      const errors = catalogue(locale, "errors");
      await ensureNode(api, `e2e-i18n-${locale}-c`);
      const taken = `E2E-I18N-TAKEN-${locale}`;
      const other = await ensureNode(api, `e2e-i18n-${locale}-d`);
      expect([201, 409]).toContain((await api.post("/api/groups", { data: { name: taken, server1Id: other } })).status());
      await signInAs(page, username, auth);
      await visit(page, "/system/presence-redundancy-groups/new");
      const form = page.getByRole("form", { name: text(groups, "title.configuration") });
      await form.getByLabel(text(groups, "form.server1")).selectOption({ label: `e2e-i18n-${locale}-c (15.0.1.12900-12)` });
      await expect(page.getByTestId("ha-prerequisites")).toContainText(text(errors, "prerequisites.needTwo"));

      // Checked on the page before sending.
      await form.getByRole("button", { name: text(groups, "form.save") }).click();
      await expect(form.locator("#name-error")).toHaveText(text(errors, "field.required", { field: text(errors, "label.name") }));

      // Refused by the server: its field message in the page's language.
      await form.getByLabel(text(groups, "form.name")).fill(taken);
      await form.getByRole("button", { name: text(groups, "form.save") }).click();
      await expect(form.locator("#name-error")).toHaveText(text(errors, "group.nameUnique"));
      await expect(page.getByTestId("status-line")).toContainText(text(errors, "group.nameTaken", { name: taken, cluster: "imp-cluster-01" }));
    });

    test("the header's language choice is kept after signing in again", async ({ page }) => {
      await signInAs(page, username, auth);
      await page.getByTestId("language-picker").selectOption(other);
      const otherShell = catalogue(other, "shell");
      await expect(page.getByTestId("language-picker")).toHaveValue(other);
      // The new language reloads the page: its own Sign Out, once live, is the one to click.
      const signOut = page.getByRole("button", { name: text(otherShell, "signOut") });
      await hydrated(signOut);
      await signOut.click();
      await expect(page).toHaveURL(/\/login/);
      // Not signed in, the browser's language decides again.
      await expect(page.locator("html")).toHaveAttribute("lang", htmlLang);
      await signInAs(page, username, auth);
      await expect(page.getByTestId("language-picker")).toHaveValue(other);
      await expect(page.getByRole("navigation", { name: text(otherShell, "mainMenu") })).toContainText(text(otherShell, "menu.system"));
      await visit(page, "/system/presence-redundancy-groups");
      await checkLayoutAndAccessibility(page);
    });
  });
}

test("an English browser still gets English pages, and API errors in the request's language", async ({ page }) => {
  await visit(page, "/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Login" })).toBeVisible();
  const ja = catalogue("ja", "errors");
  const answer = await api.get("/api/groups/not-a-number", { headers: { "accept-language": "ja-JP,ja;q=0.9" } });
  expect(answer.status()).toBe(404);
  expect(await answer.json()).toEqual({ error: { code: "not_found", message: text(ja, "api.noSuchRecord") } });
  const english = await api.get("/api/groups/not-a-number");
  expect(await english.json()).toEqual({ error: { code: "not_found", message: "No such record" } });
});
