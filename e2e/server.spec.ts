import { expect, test } from "@playwright/test";
import { openMenu, signIn, visit } from "./support.ts";

test.beforeEach(async ({ page }) => signIn(page));

test("System > Server lists the six demo nodes and opens one", async ({ page }) => {
  await openMenu(page, "System", "Server");
  await expect(page).toHaveURL(/\/system\/server$/);
  // Other specs add nodes of their own; the demo nodes are the imp-* ones.
  await page.getByLabel("Search text").fill("imp-");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("6 records found");
  const rows = page.locator("table.list tbody tr");
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toContainText("imp-pub");
  await expect(rows.first()).toContainText("DefaultCUPSubCluster");

  await page.getByRole("link", { name: "imp-sub5" }).click();
  await expect(page.getByRole("heading", { name: "Server Configuration" })).toBeVisible();
  await expect(page.getByText("14.0.1.14900-8")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Cisco Server Recovery Manager" })).toBeVisible();
});

test("Find, sort and the URL keep the search across a reload", async ({ page }) => {
  await visit(page, "/system/server");
  await page.getByLabel("Match").selectOption("contains");
  await page.getByLabel("Search text").fill("sub");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("5 records found");
  await page.getByRole("button", { name: "Host Name/IP Address" }).click();
  await expect(page.locator("table.list tbody tr").first()).toContainText("imp-sub5");
  await expect(page).toHaveURL(/match=contains/);
  await expect(page).toHaveURL(/sort=-hostName/);

  await page.reload();
  await expect(page.getByTestId("record-count")).toHaveText("5 records found");
  await expect(page.locator("table.list tbody tr").first()).toContainText("imp-sub5");

  await page.getByRole("button", { name: "Clear Filter" }).click();
  await expect(page).not.toHaveURL(/match=/);
  await expect(page.getByTestId("record-count")).not.toHaveText("5 records found");
});
