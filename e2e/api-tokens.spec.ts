import { expect, test } from "@playwright/test";
import { acceptNextDialog, openMenu, signIn } from "./support.ts";

test.beforeEach(async ({ page }) => signIn(page));

test("API Tokens: a created token's secret is shown once and works until revoked", async ({ page, playwright, baseURL }) => {
  await openMenu(page, "System", "API Tokens");
  const form = page.getByRole("form", { name: "Create token" });
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.locator("#name-error")).toHaveText("Name is required");

  await form.getByLabel("Name").fill("e2e-script");
  await form.getByRole("button", { name: "Create" }).click();
  const secret = (await page.getByRole("status", { name: "New token secret" }).textContent())!;
  expect(secret).toMatch(/^prg_/);
  await expect(page.getByRole("row", { name: /e2e-script .* Never/ })).toBeVisible();

  const client = await playwright.request.newContext({ baseURL });
  const headers = { authorization: `Bearer ${secret}` };
  expect((await client.get("/api/nodes", { headers })).status()).toBe(200);

  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole("row", { name: /e2e-script/ })).not.toContainText("Never");

  const confirm = acceptNextDialog(page);
  await page.getByRole("button", { name: "Revoke e2e-script" }).click();
  expect(await confirm).toBe("Revoke the token e2e-script? Scripts using it will be refused.");
  await expect(page.getByRole("row", { name: /e2e-script/ })).toHaveCount(0);
  expect((await client.get("/api/nodes", { headers })).status()).toBe(401);
  await client.dispose();
});
