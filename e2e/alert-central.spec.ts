import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminApi, ensureNode, openMenu, signIn, visit } from "./support.ts";

let api: APIRequestContext;
let groupId = 0;
let receiver: Server;
let hookUrl = "";
const delivered: string[] = [];
const nodes: Record<string, number> = {};

async function states() {
  const status = await (await api.get(`/api/groups/${groupId}/ha`)).json();
  return status.nodes.map((n: { state: string }) => n.state).join(" / ");
}

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  expect((await api.put("/api/lab", { data: { speed: 1, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 } })).ok()).toBe(true);
  for (const host of ["e2e-alert-a", "e2e-alert-b"]) nodes[host] = await ensureNode(api, host);
  const created = await api.post("/api/groups", { data: { name: "E2E-ALERTS", server1Id: nodes["e2e-alert-a"], server2Id: nodes["e2e-alert-b"], haEnabled: true } });
  expect(created.status()).toBe(201);
  groupId = (await created.json()).id;
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      delivered.push(body);
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
});

test.afterAll(async () => {
  await api.put("/api/alerts/webhook", { data: { url: "" } });
  receiver.close();
  await api.post(`/api/groups/${groupId}/actions`, { data: { action: "fallback", node: nodes["e2e-alert-a"] } });
  await expect.poll(states, { timeout: 30_000 }).toBe("Normal / Normal");
  const { version } = await (await api.get(`/api/groups/${groupId}`)).json();
  expect((await api.delete(`/api/groups/${groupId}?version=${version}`)).status()).toBe(204);
  for (const id of Object.values(nodes)) await api.delete(`/api/nodes/${id}`);
  await api.dispose();
});

test("Alert Central shows the failover's alert, filters it and acknowledges it; the header counts it", async ({ page }) => {
  await signIn(page);
  await visit(page, "/serviceability/alert-central");
  const hook = page.getByRole("form", { name: "Webhook" });
  await hook.getByLabel("Webhook URL").fill("ftp://example.com");
  await hook.getByRole("button", { name: "Save" }).click();
  await expect(hook.getByLabel("Webhook URL")).toHaveAttribute("aria-invalid", "true");
  await hook.getByLabel("Webhook URL").fill(hookUrl);
  await hook.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText(`Alerts are delivered to ${hookUrl}`);

  const failover = await api.post(`/api/groups/${groupId}/actions`, { data: { action: "failover", node: nodes["e2e-alert-a"] } });
  expect(failover.status()).toBe(202);
  await expect.poll(states, { timeout: 30_000 }).toBe("Idle / Running in Backup Mode");

  await visit(page, "/");
  await openMenu(page, "Serviceability", "Alert Central");
  await expect(page.getByRole("heading", { name: "Alert Central" })).toBeVisible();
  await expect(page.getByTestId("active-alert-count")).toContainText(/[1-9]\d* active alerts?/);

  const filters = page.getByRole("form", { name: "Filter alerts" });
  await filters.getByLabel("Node").fill("e2e-alert-a");
  await filters.getByLabel("Status").selectOption("active");
  const row = page.getByRole("row").filter({ hasText: "SRMFailover" }).filter({ hasText: "e2e-alert-a" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("E2E-ALERTS");
  await expect(row).toContainText("On Admin Request");

  await row.getByRole("button", { name: /^Acknowledge SRMFailover on e2e-alert-a/ }).click();
  await expect(page.getByTestId("status-line")).toContainText("SRMFailover on e2e-alert-a acknowledged");
  await expect(row).toContainText("admin, ");
  await filters.getByLabel("Acknowledged").selectOption("false");
  await expect(row).toHaveCount(0);

  await expect.poll(() => delivered.some((b) => b.includes('"SRMFailover"') && b.includes("e2e-alert-a"))).toBe(true);
  await page.reload();
  await expect(page.getByRole("table", { name: /Delivery log/ }).getByRole("row").filter({ hasText: "delivered" }).first()).toBeVisible();
});
