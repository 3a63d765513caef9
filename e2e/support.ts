import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config.ts";

export async function signIn(page: Page, password = E2E_ADMIN_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Login" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText("admin");
}

/** Opens a page the way an admin does: through the menu bar. */
export async function openMenu(page: Page, menu: string, item: string) {
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: menu }).click();
  await page.getByRole("menuitem", { name: item }).click();
}
