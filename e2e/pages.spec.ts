import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config.ts";
import { adminApi, ensureNode, signIn, visit } from "./support.ts";

async function submitSignIn(page: Page) {
  await page.getByLabel("User ID").fill("admin");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Login" }).click();
}

test("sign-in brings the administrator back to the page asked for", async ({ page }) => {
  await visit(page, "/system/server?q=imp-sub&sort=-hostName");
  await expect(page).toHaveURL(/\/login\?next=/);
  await submitSignIn(page);
  await expect(page).toHaveURL(/\/system\/server\?q=imp-sub&sort=-hostName$/);
  await expect(page.getByRole("heading", { name: "Find and List Servers" })).toBeVisible();
});

test("sign-in never sends the browser to another site (open redirect)", async ({ page, baseURL }) => {
  for (const next of ["/.//evil.example/phish", "/..//evil.example", "/%2e//evil.example", "//x", "/\\x", "https://x"]) {
    // Leave the console first: once its cookie is gone, the page still open would send itself to sign-in, racing the next visit.
    await page.goto("about:blank");
    await page.context().clearCookies();
    await visit(page, `/login?next=${encodeURIComponent(next)}`);
    await submitSignIn(page);
    await expect(page.getByTestId("signed-in-user"), next).toHaveText("admin");
    expect(page.url(), next).toBe(`${baseURL}/`);
  }
});

test("sign-in errors are announced and focus stays where the administrator types", async ({ page }) => {
  await visit(page, "/login");
  await page.getByRole("button", { name: "Login" }).click();
  const userId = page.getByLabel("User ID");
  await expect(userId).toBeFocused();
  await expect(userId).toHaveAttribute("aria-describedby", "username-error");
  await expect(page.locator("#username-error")).toHaveText("User ID is required");
  const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  await expect(alert).toHaveText("Please correct the fields marked below");

  await userId.fill("admin");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Login" }).click();
  await expect(alert).toHaveText("Invalid user ID or password");
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("unknown ids and paths show the not-found page inside the console, with no form; favicon.ico is served", async ({ page, request }) => {
  await signIn(page);
  for (const path of [
    "/system/presence-redundancy-groups/999999",
    "/system/server/999999",
    "/system/server/0x1",
    "/system/presence-redundancy-groups/1e0",
    "/system/presence-redundancy-groups/%2B1",
    "/no/such/page",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page Not Found" }), path).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  }
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
});

test("the menu bar works with the keyboard; a skip link jumps to the content", async ({ page }) => {
  await signIn(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();

  const system = page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: "System" });
  await system.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Server" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Presence Redundancy Groups" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("menuitem", { name: "End User" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "User Management" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(system).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Audit Log" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Application Users" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "API Tokens" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Enterprise Parameters" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Enterprise Parameters Configuration" })).toBeVisible();

  await page.keyboard.press("Shift+Tab");
  await visit(page, "/");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("a refused Save moves focus to the first invalid field, tied to its error, with one announcement", async ({ page }) => {
  await signIn(page);
  await visit(page, "/system/server/new");
  const form = page.getByRole("form", { name: "Server Configuration" });
  await form.getByLabel("Software Version*").fill("15.0.1.12900-12");
  await form.getByLabel("Host Name/IP Address*").fill("-bad-");
  await form.getByRole("button", { name: "Save" }).click();
  const host = form.getByLabel("Host Name/IP Address*");
  await expect(host).toBeFocused();
  await expect(host).toHaveAttribute("aria-describedby", "hostName-error");
  await expect(form.locator("#hostName-error")).toContainText("Host Name/IP Address must be a host name");
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  await expect(page.locator("main").getByRole("status").filter({ hasText: "Please correct the fields marked below" })).toHaveCount(1);
});

test("Add New group: a 128-character name limit; enabling HA with a critical service down warns first", async ({ page, playwright, baseURL }) => {
  const api = await adminApi(playwright.request, baseURL!);
  const a = await ensureNode(api, "e2e-pg-a");
  await ensureNode(api, "e2e-pg-b");
  const other = await ensureNode(api, "e2e-pg-other", "15.0.1.12900-12", "e2e-other-cluster");
  const sipProxy = `/api/nodes/${a}/services/${encodeURIComponent("Cisco SIP Proxy")}`;
  expect((await api.post(sipProxy, { data: { action: "stop" } })).ok()).toBe(true);
  try {
    await signIn(page);
    await visit(page, "/system/presence-redundancy-groups/new");
    const form = page.getByRole("form", { name: "Presence Redundancy Group Configuration" });
    await form.getByLabel("Name*").fill("N".repeat(138));
    await expect(form.getByLabel("Name*")).toHaveValue("N".repeat(128));
    await form.getByLabel("Name*").fill("E2E-PG");
    await form.getByLabel("Presence Server 1*").selectOption({ label: "e2e-pg-a (15.0.1.12900-12)" });
    const server2 = form.getByLabel("Presence Server 2");
    await expect(server2.locator("option", { hasText: "e2e-pg-other" })).toHaveCount(0);
    await server2.selectOption({ label: "e2e-pg-b (15.0.1.12900-12)" });
    await expect(page.getByTestId("ha-prerequisites")).toContainText("fail over to its peer at once");
    await form.getByLabel("Enable High Availability").check();

    // Declining the warning saves nothing.
    const dismissed = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await form.getByRole("button", { name: "Save" }).click();
    expect(await dismissed).toContain("Critical services are down on one node: enabling High Availability now makes that node fail over to its peer at once.");
    await expect(page).toHaveURL(/\/new$/);
    expect((await (await api.get("/api/groups?field=name&match=exact&q=E2E-PG")).json()).total).toBe(0);
  } finally {
    expect((await api.post(sipProxy, { data: { action: "start" } })).ok()).toBe(true);
    // The other cluster's only node takes its cluster with it, so later specs see one cluster again.
    expect((await api.delete(`/api/nodes/${other}`)).status()).toBe(204);
    await api.dispose();
  }
});
