import { expect, test, type APIRequestContext } from "@playwright/test";
import { acceptNextDialog, adminApi, ensureNode, signIn, visit } from "./support.ts";

let api: APIRequestContext;
// Lab time 100× faster: the dual connections (120–537 lab s after login) are up within seconds.
const LAB = { speed: 100, stepSeconds: 2, srmStartSeconds: 1, bootSeconds: 2 };
const tag = Date.now().toString(36);

type Counter = { nodeId: number; hostName: string; JsmSessionsClient: number; JsmSessionsClientInactive: number };

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
});
test.afterAll(async () => {
  await api.put("/api/lab", { data: { speed: 1, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 } });
  await api.dispose();
});
test.beforeEach(async ({ page }) => signIn(page));

test("a failover with dual clients: the counters move to the backup at once and the outage chart appears", async ({ page }) => {
  test.setTimeout(90_000);
  const a = await ensureNode(api, "e2e-cl-a");
  const b = await ensureNode(api, "e2e-cl-b");
  const created = await api.post("/api/groups", { data: { name: `E2E-CLIENTS-${tag}`, server1Id: a, server2Id: b, haEnabled: true } });
  expect(created.status()).toBe(201);
  const groupId = (await created.json()).id as number;
  // The Sync Agent puts new users on the least loaded nodes: the new, empty pair.
  for (let i = 0; i < 12; i++) {
    expect((await api.post("/api/users", { data: { userId: `e2e.cl.${tag}.${i}`, signedIn: true } })).status()).toBe(201);
  }
  expect((await api.put("/api/lab", { data: LAB })).ok()).toBe(true);

  const counters = async () => ((await (await api.get(`/api/clients/counters?group=${groupId}`)).json()) as { nodes: Counter[] }).nodes;
  // Wait until every client of the pair holds its inactive connection to the peer.
  let nodes: Counter[] = [];
  await expect(async () => {
    nodes = await counters();
    const clients = nodes.reduce((s, n) => s + n.JsmSessionsClient, 0);
    expect(clients).toBeGreaterThan(0);
    expect(nodes.reduce((s, n) => s + n.JsmSessionsClientInactive, 0)).toBe(clients);
  }).toPass({ timeout: 30_000 });
  const [from, to] = [...nodes].sort((x, y) => y.JsmSessionsClient - x.JsmSessionsClient);
  const total = from!.JsmSessionsClient + to!.JsmSessionsClient;

  await visit(page, `/system/presence-redundancy-groups/${groupId}`);
  const row = (host: string) => page.getByTestId(`client-counters-node-${host}`);
  await expect(row(from!.hostName).getByTestId("jsm-client")).toHaveText(String(from!.JsmSessionsClient));
  await expect(row(to!.hostName).getByTestId("jsm-client-inactive")).toHaveText(String(from!.JsmSessionsClient));
  await expect(page.getByTestId("no-outage-reports")).toBeVisible();

  const confirm = acceptNextDialog(page);
  await page.getByRole("button", { name: `Failover ${from!.hostName}`, exact: true }).click();
  await confirm;
  // Every client held an inactive connection to the backup: all active there at once, none left on the failed-over node.
  await expect(row(to!.hostName).getByTestId("jsm-client")).toHaveText(String(total));
  await expect(row(from!.hostName).getByTestId("jsm-client")).toHaveText("0");
  const chart = page.getByTestId("outage-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toContainText(`${from!.JsmSessionsClient} clients affected, back online within 0 s`);
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("outage-reports").getByTestId("outage-affected").first()).toHaveText(String(from!.JsmSessionsClient));
});
