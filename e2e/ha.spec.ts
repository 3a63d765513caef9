import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { findRow, HA_OFF_ACTION, TABLE2 } from "../lib/ha/table2.ts";
import { acceptNextDialog, adminApi, ensureNode, signIn, visit } from "./support.ts";

let api: APIRequestContext;
// Short lab steps keep the rehearsal quick; the states are the same at 1×.
const LAB = { speed: 1, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 };
const nodes: Record<string, number> = {};

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  expect((await api.put("/api/lab", { data: LAB })).ok()).toBe(true);
  for (const host of ["e2e-ha-a", "e2e-ha-b"]) nodes[host] = await ensureNode(api, host);
});
test.afterAll(async () => api.dispose());
test.beforeEach(async ({ page }) => signIn(page));

const row = (page: Page, host: string) => page.getByTestId(`node-row-${host}`);
async function expectRow(page: Page, host: string, state: string, reason: string) {
  await expect(row(page, host).getByTestId("node-state")).toHaveText(state);
  await expect(row(page, host).getByTestId("node-reason")).toHaveText(reason);
}

test("enable HA, fail over, fall back and recover in the browser while another page watches live", async ({ page, browser }) => {
  // A long rehearsal: two signed-in pages through six transitions.
  test.setTimeout(60_000);
  await visit(page, "/system/presence-redundancy-groups/new");
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
  await visit(watcher, "/system/high-availability");
  await expect(watcher.getByTestId("live-indicator")).toContainText("Live");
  await expectRow(watcher, "e2e-ha-a", "Normal", "Normal");

  await expect(page.getByTestId("recommended-action")).toHaveText(`Recommended action: ${TABLE2[0]!.recommendedAction}`);
  await expect(row(page, "e2e-ha-a").getByTestId("node-state")).toHaveClass("state-normal");

  // Each node's button says which node it acts on; the pressed one vanishes, so focus goes to the status line.
  await expect(page.getByRole("button", { name: "Failover e2e-ha-b", exact: true })).toBeVisible();
  const confirm = acceptNextDialog(page);
  await page.getByRole("button", { name: "Failover e2e-ha-a", exact: true }).click();
  expect(await confirm).toContain("stops the critical services on e2e-ha-a");
  await expect(page.getByTestId("ha-message")).toBeFocused();
  await expectRow(page, "e2e-ha-a", "Idle", "On Admin Request");
  await expectRow(page, "e2e-ha-b", "Running in Backup Mode", "On Admin Request");
  // The status line follows the outcome, the degraded states do not look Normal, Table 2 says what to do next.
  await expect(page.getByTestId("ha-message")).toHaveText(
    "Failover of e2e-ha-a completed: e2e-ha-a Idle (On Admin Request), e2e-ha-b Running in Backup Mode (On Admin Request)",
  );
  await expect(row(page, "e2e-ha-a").getByTestId("node-state")).toHaveClass("state-degraded");
  await expect(row(page, "e2e-ha-b").getByTestId("node-state")).toHaveClass("state-degraded");
  await expect(page.getByTestId("recommended-action")).toHaveText(`Recommended action: ${findRow({ state: "Idle", reason: "On Admin Request" }, { state: "Running in Backup Mode", reason: "On Admin Request" })!.row.recommendedAction}`);
  await expect(watcher.getByTestId("state-announcement").filter({ hasText: /e2e-ha-[ab] is now (Idle|Running in Backup Mode)/ })).toHaveCount(1);
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
  await expect(page.getByTestId("ha-message")).toHaveText(/^Failover of e2e-ha-a failed: e2e-ha-a Running in Failed Mode/);
  await expect(page.getByTestId("ha-message")).toHaveClass("status-error");
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
  await visit(page, "/serviceability/control-center");
  await page.getByRole("combobox", { name: /^Server/ }).selectOption({ label: "e2e-ha-b" });
  const service = page.getByTestId("service-Cisco Presence Engine");
  // Dismissed: nothing happens.
  const dismissed = new Promise<void>((resolve) =>
    page.once("dialog", (dialog) => {
      void dialog.dismiss();
      resolve();
    }),
  );
  await service.getByRole("button", { name: "Stop" }).click();
  await dismissed;
  await expect(service).toContainText("Started");
  const stop = acceptNextDialog(page);
  await service.getByRole("button", { name: "Stop" }).click();
  expect(await stop).toContain("Stop Cisco Presence Engine on e2e-ha-b: the service stops until started again. It is a critical service");
  await expect(service).toContainText("Stopped");
  await service.getByRole("button", { name: "Start" }).click();
  await expect(service).toContainText("Started");

  const reboot = acceptNextDialog(page);
  await page.getByTestId("lab-panel").getByRole("button", { name: "Reboot", exact: true }).click();
  expect(await reboot).toMatch(/^Reboot e2e-ha-b: every service stops/);
  await expect(page.getByTestId("node-power")).toHaveText("BOOTING");
  await expect(page.getByTestId("node-power")).toHaveText("ON", { timeout: 15_000 });
});

test("the live heartbeat age agrees with the server's; a group with HA off is neutral, with its documented advice", async ({ page }) => {
  test.setTimeout(60_000);
  const ids = [await ensureNode(api, "e2e-hb-a"), await ensureNode(api, "e2e-hb-b")];
  const created = await api.post("/api/groups", { data: { name: "E2E-HB", server1Id: ids[0], server2Id: ids[1], haEnabled: true } });
  expect(created.status()).toBe(201);
  const groupId = (await created.json()).id;
  // Heartbeats every 3 s (at 1×), so a short watch spans several.
  const interval = async (keepAliveInterval: number) =>
    expect((await api.put("/api/service-parameters", { data: { cluster: { keepAliveInterval } } })).ok()).toBe(true);
  await interval(3);
  try {
    await visit(page, `/system/presence-redundancy-groups/${groupId}`);
    const age = row(page, "e2e-hb-a").getByTestId("heartbeat-age");
    await expect(age).toBeVisible();
    // The page follows the server's heartbeats: its age falls back as each arrives and stays near the server's
    // (it used to count on past the Keep Alive Timeout). The margin covers the page's one-second re-read and
    // request time on a busy machine.
    const ages: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(1000);
      const shown = Number(/Heartbeat age (\d+)s/.exec((await age.textContent()) ?? "")![1]);
      const status = await (await api.get(`/api/groups/${groupId}/ha`)).json();
      const node = status.nodes.find((n: { hostName: string }) => n.hostName === "e2e-hb-a");
      const server = Math.ceil((status.labNow - node.lastPeerHeartbeat) / 1000);
      expect(shown, `page ${shown}s, server ${server}s`).toBeLessThanOrEqual(3 + 5);
      expect(Math.abs(shown - server), `page ${shown}s, server ${server}s`).toBeLessThanOrEqual(5);
      ages.push(shown);
    }
    expect(ages.filter((a, i) => i > 0 && a < ages[i - 1]!).length, ages.join(", ")).toBeGreaterThanOrEqual(2);
  } finally {
    await interval(15);
  }

  const off = await api.patch(`/api/groups/${groupId}`, { data: { haEnabled: false, version: (await (await api.get(`/api/groups/${groupId}`)).json()).version } });
  expect(off.ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("recommended-action")).toHaveText(`Recommended action: ${HA_OFF_ACTION}`);
  await expect(row(page, "e2e-hb-a").getByTestId("node-state")).toHaveClass("state-neutral");
});
