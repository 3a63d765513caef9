import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminApi, signIn, visit } from "./support.ts";

const NO_GROUP = "Not in a Presence Redundancy Group: serves no users and has no High Availability";
// The e2e database is shared by every spec: names carry this run's tag.
const tag = Date.now().toString(36);
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
});
test.afterAll(async () => api.dispose());
test.beforeEach(async ({ page }) => signIn(page));

test("nodes in no group are flagged on the Server list, the High Availability status and the topology", async ({ page }) => {
  await visit(page, "/system/server?field=hostName&match=exact&q=imp-sub1");
  await expect(page.locator("table.list tbody tr").filter({ hasText: "imp-sub1" }).getByTestId("no-group-flag")).toHaveText(NO_GROUP);
  await visit(page, "/system/server?field=hostName&match=exact&q=imp-pub");
  await expect(page.locator("table.list tbody tr").filter({ hasText: "imp-pub" })).toContainText("DefaultCUPSubCluster");
  await expect(page.getByTestId("no-group-flag")).toHaveCount(0);

  await visit(page, "/system/high-availability");
  const pool = page.getByTestId("ha-nodes-in-no-group");
  await expect(pool.getByRole("listitem").filter({ hasText: "imp-sub1" })).toContainText(NO_GROUP);

  await visit(page, "/user-management/presence-topology");
  await expect(page.getByTestId("topology-ungrouped").getByTestId("topology-node-imp-sub1")).toContainText(NO_GROUP);
});

test("Add New takes the only cluster by default, and needs one chosen once there are two", async ({ page }) => {
  await visit(page, "/user-management/end-users/new");
  const form = page.getByRole("form", { name: "End User Configuration" });
  await expect(form.getByLabel("Cluster")).toHaveValue("imp-cluster-01");

  const pub = await api.post("/api/nodes", { data: { hostName: `e2e-c2-pub-${tag}`, softwareVersion: "15.0.1.12900-12", cluster: `e2e-c2-${tag}` } });
  expect(pub.status()).toBe(201);
  const pubId = (await pub.json()).id as number;
  try {
    await page.reload();
    await form.getByLabel("User ID*").fill(`c2.user.${tag}`);
    await expect(form.getByLabel("Cluster*")).toHaveValue("");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#cluster-error")).toContainText("Cluster is required: there are 2 clusters");

    await form.getByLabel("Cluster*").selectOption(`e2e-c2-${tag}`);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("status-line")).toHaveText("Add successful");
    await expect(page.getByTestId("added-user")).toContainText(`was assigned to e2e-c2-pub-${tag}`);
  } finally {
    const users = await (await api.get(`/api/users?match=exact&q=c2.user.${tag}`)).json();
    for (const u of users.items as { id: number }[]) expect((await api.delete(`/api/users/${u.id}`)).status()).toBe(204);
    // The cluster's last node takes the cluster with it, so later specs see one cluster again.
    expect((await api.delete(`/api/nodes/${pubId}`)).status()).toBe(204);
  }
});
