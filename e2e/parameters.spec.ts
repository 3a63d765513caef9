import { expect, test } from "@playwright/test";
import { acceptNextDialog, openMenu, signIn, visit } from "./support.ts";

test.beforeEach(async ({ page }) => signIn(page));

// Each parameter's "Set to Default" button names the parameter too.
const EXACT = { exact: true };

test("Service Parameters: invalid values are refused beside the field, a valid one saves, Set to Default restores", async ({ page }) => {
  await openMenu(page, "System", "Service Parameters");
  const form = page.getByRole("form", { name: "Service Parameter Configuration" });
  await expect(form.getByLabel("Service*")).toHaveValue("srm");
  const interval = form.getByLabel("Keep Alive (Heartbeat) Interval", EXACT);
  const timeout = form.getByLabel("Keep Alive (Heartbeat) Timeout", EXACT);

  await interval.fill("60");
  await form.getByRole("button", { name: "Save" }).first().click();
  await expect(form.locator("#cluster-keepAliveInterval-error")).toHaveText(
    "Keep Alive (Heartbeat) Interval must be less than the Keep Alive (Heartbeat) Timeout",
  );
  await interval.fill("15");
  await form.getByLabel("Admin RPC Port", EXACT).fill("80");
  await form.getByRole("button", { name: "Save" }).first().click();
  await expect(form.locator("#cluster-adminRpcPort-error")).toHaveText("Admin RPC Port must be a whole number from 1024 to 65535");
  const one = acceptNextDialog(page);
  await form.getByRole("button", { name: "Set to Default: Admin RPC Port" }).click();
  expect(await one).toBe("Set Admin RPC Port to its default value (20075) and save? This takes effect at once.");
  await expect(form.getByLabel("Admin RPC Port", EXACT)).toHaveValue("20075");
  await expect(page.getByTestId("status-line")).toHaveText("Update successful: Admin RPC Port set to its default value");

  await timeout.fill("45");
  await form.getByLabel("Client Re-Login Lower Limit", EXACT).fill("100");
  await form.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByTestId("status-line")).toHaveText("Update successful");
  await expect(page.getByTestId("parameter-warnings")).toContainText("Client Re-Login Lower Limit (100 s) differs from the Critical Service Down Delay");
  await page.reload();
  await expect(form.getByLabel("Keep Alive (Heartbeat) Timeout", EXACT)).toHaveValue("45");

  // As on the product, Set to Default asks, then saves: nothing else to press.
  const all = acceptNextDialog(page);
  await form.getByRole("button", { name: "Set to Default", exact: true }).click();
  expect(await all).toContain("Set every Cisco Server Recovery Manager parameter");
  await expect(page.getByTestId("status-line")).toHaveText("Update successful: all parameters set to their default values");
  await expect(page.getByTestId("parameter-warnings")).toHaveCount(0);
  await page.reload();
  await expect(form.getByLabel("Keep Alive (Heartbeat) Timeout", EXACT)).toHaveValue("60");
  await expect(form.getByLabel("Client Re-Login Lower Limit", EXACT)).toHaveValue("120");
});

test("Enterprise Parameters: change the User Assignment Mode and set it back to default", async ({ page }) => {
  await openMenu(page, "System", "Enterprise Parameters");
  const form = page.getByRole("form", { name: "Enterprise Parameters Configuration" });
  const mode = form.getByLabel("User Assignment Mode for Presence Server", EXACT);
  await expect(mode).toHaveValue("Balanced");
  await mode.selectOption("Active-Standby");
  await expect(form).toContainText("All users are assigned to the first node");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toContainText("Update successful");
  await page.reload();
  await expect(mode).toHaveValue("Active-Standby");
  const confirm = acceptNextDialog(page);
  await form.getByRole("button", { name: "Set to Default" }).click();
  expect(await confirm).toContain("Set User Assignment Mode for Presence Server to its default (Balanced) and save?");
  await expect(page.getByTestId("status-line")).toContainText("Update successful");
  await page.reload();
  await expect(mode).toHaveValue("Balanced");
});

test("Service Parameters: no warnings on factory defaults; a refused value is named as the page labels it, with focus on it", async ({ page }) => {
  await visit(page, "/system/service-parameters");
  const form = page.getByRole("form", { name: "Service Parameter Configuration" });
  await expect(form.getByLabel("Keep Alive (Heartbeat) Timeout", EXACT)).toHaveValue("60");
  await expect(page.getByTestId("parameter-warnings")).toHaveCount(0);

  const delay = form.getByLabel("Critical Service Down Delay", EXACT);
  await delay.fill("");
  await form.getByRole("button", { name: "Save" }).first().click();
  const error = form.locator("#cluster-criticalServiceDownDelay-error");
  await expect(error).toHaveText("Critical Service Down Delay must be a whole number from 1 to 3600");
  await expect(page.getByTestId("status-line")).toHaveText("Please correct the fields marked below");
  await expect(delay).toBeFocused();
  await expect(delay).toHaveAttribute("aria-describedby", "cluster-criticalServiceDownDelay-error");
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("cluster.");
});
