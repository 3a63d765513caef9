import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { acceptNextDialog, adminApi, openMenu, signedIn, signIn, visit } from "./support.ts";

/**
 * Signing in as each role and seeing what it may do: the same rule
 * (lib/auth/roles.ts) hides menu items and disables controls, with the reason
 * shown, that the API refuses with 403.
 */
const PASSWORD = "e2e role password 1";
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  for (const [username, role] of [
    ["e2e-operator", "operator"],
    ["e2e-viewer", "read_only"],
  ]) {
    const made = await api.post("/api/accounts", { data: { username, role, password: PASSWORD } });
    expect([201, 409]).toContain(made.status());
  }
});
test.afterAll(async () => api.dispose());

async function signInAs(page: Page, username: string, password = PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel("User ID").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Login" }).click();
  await signedIn(page);
}

test("Read-only sees every page but changes nothing, and is told why", async ({ page }) => {
  await signInAs(page, "e2e-viewer");
  await expect(page.getByTestId("signed-in-role")).toHaveText("(Read-only)");
  await visit(page, "/system/presence-redundancy-groups");
  await expect(page.getByRole("note")).toContainText("Signed in as Read-only");
  await expect(page.getByRole("button", { name: "Add New" })).toBeDisabled();
  await visit(page, "/serviceability/control-center");
  await expect(page.getByRole("note")).toContainText("Start, stop and restart services");
  await expect(page.getByRole("button", { name: /^(Stop|Start|Restart) / }).first()).toBeDisabled();
  await visit(page, "/user-management/end-users");
  await expect(page.getByRole("button", { name: "Add New" })).toBeDisabled();
  // No accounts menu, and the page itself says no.
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: "System" }).click();
  await expect(page.getByRole("menuitem", { name: "Application Users" })).toHaveCount(0);
  await visit(page, "/system/application-users");
  await expect(page.locator("main").getByRole("alert")).toContainText("Read-only role may not");
});

test("Operator runs HA, services and end users, but not parameters, inventory or accounts", async ({ page }) => {
  await signInAs(page, "e2e-operator");
  await expect(page.getByTestId("signed-in-role")).toHaveText("(Operator)");
  await visit(page, "/user-management/end-users");
  await expect(page.getByRole("button", { name: "Add New" })).toBeEnabled();
  await visit(page, "/serviceability/control-center");
  await expect(page.getByRole("note")).toHaveCount(0);
  await visit(page, "/system/service-parameters");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await visit(page, "/system/server");
  await expect(page.getByRole("button", { name: "Add New" })).toBeDisabled();
  await visit(page, "/system/audit-log");
  await expect(page.locator("main").getByRole("alert")).toContainText("Operator role may not");
});

test("Super User manages accounts: a reset password must be changed at the next sign-in; the audit log shows it", async ({ page, browser }) => {
  await signIn(page);
  await openMenu(page, "System", "Application Users");
  await expect(page.getByRole("heading", { name: "Application Users", level: 1 })).toBeVisible();
  const row = page.getByTestId("account-e2e-viewer");
  await row.getByRole("button", { name: "Reset Password of e2e-viewer" }).click();
  await page.getByLabel("Temporary password").fill("temporary e2e pass");
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(row).toContainText("Must change password");

  const other = await browser.newPage();
  await signInAs(other, "e2e-viewer", "temporary e2e pass");
  await expect(other).toHaveURL(/\/change-password$/);
  await other.getByLabel("Temporary password").fill("temporary e2e pass");
  await other.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await other.getByLabel("Confirm new password").fill(PASSWORD);
  await other.getByRole("button", { name: "Change Password" }).click();
  await expect(other.getByTestId("signed-in-role")).toHaveText("(Read-only)");
  await other.close();

  await openMenu(page, "System", "Audit Log");
  await page.getByLabel("Operation").fill("resetAccountPassword");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("admin");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /\/api\/audit\/export\?action=resetAccountPassword/);
});

test("pages carry a nonce policy and their scripts the nonce; API answers a deny-all policy", async ({ page, request }) => {
  const response = await page.goto("/login");
  const csp = response!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  // The page runs (its scripts had the nonce): sign-in works.
  await signIn(page);
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});
