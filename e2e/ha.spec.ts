import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { acceptNextDialog, adminApi, signIn } from "./support.ts";

let api: APIRequestContext;
const nodes: Record<string, number> = {};

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  // Short lab steps keep the rehearsal quick; the states are the same at 1×.
  expect((await api.put("/api/lab", { data: { speed: 1, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 } })).ok()).toBe(true);
  for (const host of ["e2e-ha-a", "e2e-ha-b"]) {
    const res = await api.post("/api/nodes", { data: { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "imp-cluster-01" } });
    expect(res.status()).toBe(201);
    nodes[host] = (await res.json()).id;
  }
});
test.afterAll(async () => api.dispose());
test.beforeEach(async ({ page }) => signIn(page));

const row = (page: Page, host: string) => page.getByTestId(`node-row-${host}`);
async function expectRow(page: Page, host: string, state: string, reason: string) {
  await expect(row(page, host).getByTestId("node-state")).toHaveText(state);
  await expect(row(page, host).getByTestId("node-reason")).toHaveText(reason);
}

test("enable HA, fail over, fall back and recover in the browser while another page watches live", async ({ page, browser }) => {
  await page.goto("/system/presence-redundancy-groups/new");
  const form = page.getByRole("form", { name: "Presence Redundancy Group Configuration" });
  await form.getByLabel("Name*").fill("E2E-HA");
  await form.getByLabel("Presence Server 1*").selectOption({ label: "e2e-ha-a (15.0.1.12900-12)" });
  await form.getByLabel("Presence Server 2").selectOption({ label: "e2e-ha-b (15.0.1.12900-12)" });
  await expect(page.getByTestId("ha-prerequisites")).toContainText("Both prerequisites are met");
  await form.getByLabel("Enable High Availability").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Add successful");
  await expectRow(page, "e2e-ha-a", "Normal", "Normal");
  await expectRow(page, "e2e-ha-b", "Normal", "Normal");

  // A second admin watches the cluster-wide status page; it must follow without a reload.
  const watcher = await browser.newPage();
  await signIn(watcher);
  await watcher.goto("/system/high-availability");
  await expect(watcher.getByTestId("live-indicator")).toContainText("Live");
  await expectRow(watcher, "e2e-ha-a", "Normal", "Normal");

  const confirm = acceptNextDialog(page);
  await row(page, "e2e-ha-a").getByRole("button", { name: "Failover" }).click();
  expect(await confirm).toContain("stops the critical services on e2e-ha-a");
  await expectRow(page, "e2e-ha-a", "Idle", "On Admin Request");
  await expectRow(page, "e2e-ha-b", "Running in Backup Mode", "On Admin Request");
  await expectRow(watcher, "e2e-ha-a", "Idle", "On Admin Request");
  await expectRow(watcher, "e2e-ha-b", "Running in Backup Mode", "On Admin Request");
  await expect(row(page, "e2e-ha-a").getByRole("button", { name: "Failover" })).toHaveCount(0);

  const fallback = acceptNextDialog(page);
  await row(page, "e2e-ha-a").getByRole("button", { name: "Fallback" }).click();
  expect(await fallback).toContain("restarts the critical services on e2e-ha-a");
  await expectRow(watcher, "e2e-ha-a", "Normal", "Normal");
  await expectRow(page, "e2e-ha-b", "Normal", "Normal");

  // A database error while moving users: both nodes fail, and Recover brings them back.
  expect((await api.post(`/api/nodes/${nodes["e2e-ha-a"]}/faults`, { data: { fault: "user-move-failure" } })).status()).toBe(202);
  const again = acceptNextDialog(page);
  await row(page, "e2e-ha-a").getByRole("button", { name: "Failover" }).click();
  await again;
  await expectRow(page, "e2e-ha-a", "Running in Failed Mode", "Cisco Server Recovery Manager Take Over Users Failed");
  await expectRow(watcher, "e2e-ha-b", "Running in Failed Mode", "Cisco Server Recovery Manager Take Over Users Failed");
  const recover = acceptNextDialog(page);
  await page.getByRole("button", { name: "Recover" }).click();
  expect(await recover).toContain("restarted on e2e-ha-a and e2e-ha-b");
  await expectRow(page, "e2e-ha-a", "Normal", "Normal");
  await expectRow(watcher, "e2e-ha-b", "Normal", "Normal");

  await expect(page.getByTestId("event-history")).toContainText("Recover requested");
  await watcher.close();
});

test("Control Center stops a critical service and the lab panel powers a node off; the group reacts", async ({ page }) => {
  await page.goto("/serviceability/control-center");
  await page.getByLabel("Server").selectOption({ label: "e2e-ha-b" });
  const service = page.getByTestId("service-Cisco Presence Engine");
  await service.getByRole("button", { name: "Stop" }).click();
  await expect(service).toContainText("Stopped");
  await service.getByRole("button", { name: "Start" }).click();
  await expect(service).toContainText("Started");

  await page.getByTestId("lab-panel").getByRole("button", { name: "Reboot", exact: true }).click();
  await expect(page.getByTestId("node-power")).toHaveText("BOOTING");
  await expect(page.getByTestId("node-power")).toHaveText("ON", { timeout: 15_000 });
});
