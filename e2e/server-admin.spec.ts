import { expect, test } from "@playwright/test";
import { acceptNextDialog, signIn, visit } from "./support.ts";

test.beforeEach(async ({ page }) => signIn(page));

test("Add New refuses a bad host name and version, adds a node, and Delete removes it", async ({ page }) => {
  await visit(page, "/system/server");
  await page.getByRole("button", { name: "Add New" }).click();
  const form = page.getByRole("form", { name: "Server Configuration" });
  await form.getByLabel("Host Name/IP Address*").fill("bad_host");
  await form.getByLabel("Software Version*").fill("fifteen");
  await form.getByLabel("Cluster*").fill("imp-cluster-01");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.locator("#hostName-error")).toContainText("must be a host name");
  await expect(form.locator("#softwareVersion-error")).toHaveText("Software Version must look like 15.0.1.12900-12");

  await form.getByLabel("Host Name/IP Address*").fill("imp-pub");
  await form.getByLabel("Software Version*").fill("15.0.1.12900-12");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.locator("#hostName-error")).toHaveText("Host Name/IP Address must be unique");

  await form.getByLabel("Host Name/IP Address*").fill("e2e-added-node");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Add successful");
  await expect(page.getByText("e2e-added-node")).toBeVisible();

  const dialog = acceptNextDialog(page);
  await page.getByRole("button", { name: "Delete" }).click();
  expect(await dialog).toContain("e2e-added-node");
  await expect(page).toHaveURL(/\/system\/server$/);
  await page.getByLabel("Search text").fill("e2e-added");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("0 records found");
});

test("a node in a group cannot be deleted, and the page says why", async ({ page }) => {
  await visit(page, "/system/server?match=exact&q=imp-pub");
  await page.getByRole("link", { name: "imp-pub" }).click();
  const dialog = acceptNextDialog(page);
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog;
  // imp-pub is the publisher, in its cluster's DefaultCUPSubCluster: it goes only with the cluster's last node.
  await expect(page.getByTestId("status-line")).toHaveText(
    "imp-pub is the database publisher of imp-cluster-01 (in DefaultCUPSubCluster); delete the cluster's other nodes first",
  );
});
