import { expect, test } from "@playwright/test";
import { signIn, visit } from "./support.ts";

test("an unsigned visitor is sent to sign-in", async ({ page }) => {
  await visit(page, "/system/server");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Login" })).toBeVisible();
});

test("a wrong password gets a clear message that does not say which part was wrong", async ({ page }) => {
  await visit(page, "/login");
  await page.getByLabel("User ID").fill("admin");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Login" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Invalid user ID or password");
  await expect(page).toHaveURL(/\/login/);
});

test("empty fields are refused on the page, naming the field", async ({ page }) => {
  await visit(page, "/login");
  await page.getByRole("button", { name: "Login" }).click();
  await expect(page.getByText("User ID is required")).toBeVisible();
  await expect(page.getByText("Password is required")).toBeVisible();
});

test("sign in, then sign out ends the session", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Cisco Unified CM IM and Presence Administration" })).toBeVisible();
  await page.getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await visit(page, "/system/server");
  await expect(page).toHaveURL(/\/login/);
});

test("the API answers 401 in the error shape without a session", async ({ request }) => {
  const response = await request.get("/api/nodes");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to use this API" } });
  const health = await request.get("/api/health");
  expect(await health.json()).toMatchObject({ status: "ok", database: "embedded", leading: true, fencingToken: null, errors: 0 });
});

test("a Login sent before the page's script runs never puts the password in the address", async ({ browser }) => {
  // With scripts off the form is what a click before hydration submits.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto("/login?next=/system/server");
  // Chromium with scripts switched off by Playwright still parses <noscript> as if they ran, so the notice is read from the page sent.
  expect(await response!.text()).toContain('<noscript><p class="status-error">This console needs JavaScript. Turn it on in your browser to sign in.</p></noscript>');
  await page.getByLabel("User ID").fill("admin");
  await page.getByLabel("Password").fill("never-in-the-url");
  const sent = page.waitForRequest((request) => request.isNavigationRequest() && new URL(request.url()).pathname === "/login");
  await page.getByRole("button", { name: "Login" }).click();
  expect((await sent).method()).toBe("POST");
  await page.waitForLoadState();
  expect(page.url()).not.toContain("never-in-the-url");
  expect(page.url()).not.toContain("password");
  // The sign-in page again, not an error, and no session.
  await expect(page.getByRole("button", { name: "Login" })).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  await context.close();
});
