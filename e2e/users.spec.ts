import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { acceptNextDialog, adminApi, openMenu, signIn, visit } from "./support.ts";

const LIST = "/user-management/end-users";
// The e2e database is shared by every spec: names carry this run's tag.
const tag = Date.now().toString(36);
let api: APIRequestContext;

type HaGroup = { groupId: number; haEnabled: boolean; nodes: { id: number; state: string }[]; allowedActions: { fallback: number[]; recover: boolean } };

/**
 * Users can be added only while no node is in a failover state; a spec run
 * before this one may have left a group failed over (a reboot, say). Bring
 * every group back to Normal first, as an admin would.
 */
async function settleCluster() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const groups = ((await (await api.get("/api/ha")).json()) as { groups: HaGroup[] }).groups.filter((g) => g.haEnabled);
    const unsettled = groups.filter((g) => g.nodes.some((n) => n.state !== "Normal"));
    if (unsettled.length === 0) return;
    if (Date.now() > deadline) throw new Error(`groups not Normal: ${JSON.stringify(unsettled.map((g) => g.nodes))}`);
    for (const g of unsettled) {
      if (g.allowedActions.recover) await api.post(`/api/groups/${g.groupId}/actions`, { data: { action: "recover" } });
      for (const node of g.allowedActions.fallback) await api.post(`/api/groups/${g.groupId}/actions`, { data: { action: "fallback", node } });
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function addUser(userId: string) {
  const res = await api.post("/api/users", { data: { userId } });
  expect(res.status(), await res.text()).toBe(201);
}

async function countUsers(prefix: string): Promise<number> {
  const res = await api.get(`/api/users?q=${encodeURIComponent(prefix)}`);
  return (await res.json()).total;
}

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  // Zero-length steps: failover and fallback complete within the request.
  expect((await api.put("/api/lab", { data: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } })).ok()).toBe(true);
  await settleCluster();
});
test.afterAll(async () => api.dispose());
test.beforeEach(async ({ page }) => signIn(page));

const rows = (page: Page) => page.locator("table.list tbody tr");

test("Add New shows field errors beside the fields, then Add successful; a duplicate in another case is refused", async ({ page }) => {
  await openMenu(page, "User Management", "End User");
  await expect(page.getByRole("heading", { name: "Find and List Users" })).toBeVisible();
  await page.getByRole("button", { name: "Add New" }).click();
  const form = page.getByRole("form", { name: "End User Configuration" });

  await form.getByLabel("User ID*").fill("jane doe");
  await form.getByLabel("First Name").fill("J".repeat(65));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Please correct the fields marked below");
  await expect(page.locator("#userId-error")).toHaveText("User ID may contain only letters, digits, and . _ - @");
  await expect(page.locator("#firstName-error")).toHaveText("First Name may be at most 64 characters");
  await expect(form.getByLabel("User ID*")).toHaveAttribute("aria-invalid", "true");

  const userId = `ada.${tag}@example.com`;
  await form.getByLabel("User ID*").fill(userId);
  await form.getByLabel("First Name").fill("Ada");
  await form.getByLabel("Last Name").fill("Lovelace");
  await form.getByLabel("Signed In").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Add successful");
  await expect(page.getByTestId("added-user")).toContainText(userId);
  await expect(page.locator("#userId-error")).toHaveCount(0);
  await expect(form.getByLabel("User ID*")).toHaveValue("");

  await page.getByTestId("added-user").getByRole("link", { name: "Show in Find and List" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("1 records found");
  const row = page.getByTestId(`user-row-${userId}`);
  await expect(row).toContainText("Ada");
  await expect(row).toContainText("Lovelace");
  await expect(row).toContainText("Yes");

  await page.goBack();
  await form.getByLabel("User ID*").fill(userId.toUpperCase());
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toContainText(`already exists (as ${userId})`);
  await expect(page.locator("#userId-error")).toContainText("User ID must be unique");
  expect(await countUsers(userId)).toBe(1);
});

test("Import Users: a file with bad rows imports nothing and lists each error by row; a good file imports all", async ({ page }) => {
  await visit(page, LIST);
  await page.getByRole("button", { name: "Import Users" }).click();
  await expect(page.getByRole("heading", { name: "Import Users" })).toBeVisible();
  const prefix = `imp-${tag}-`;
  const bad = ["userId,firstName,lastName", `${prefix}1,A,B`, `${prefix}2,C,D`, `bad id,E,F`, `${prefix.toUpperCase()}1,G,H`].join("\n");
  await page.getByLabel("CSV Data File*").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("status-line")).toContainText("Nothing was imported: 2 rows have errors. Row 4, userId");
  const errors = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText("4");
  await expect(errors.nth(0)).toContainText("User ID may contain only letters, digits, and . _ - @");
  await expect(errors.nth(1)).toContainText("5");
  await expect(errors.nth(1)).toContainText("is already on row 2");
  expect(await countUsers(prefix)).toBe(0);

  const good = ["userId,firstName,lastName,signedIn", ...Array.from({ length: 60 }, (_, i) => `${prefix}${i},First${i},Last${i},${i % 2 === 0}`)].join("\r\n");
  await page.getByLabel("CSV Data File*").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("status-line")).toHaveText("60 users imported");
  await expect(page.getByTestId("import-errors")).toHaveCount(0);
  await expect(page.getByTestId("import-result")).toBeVisible();
  expect(await countUsers(prefix)).toBe(60);

  // Find and List over them: search, sort and paging live in the URL.
  await visit(page, LIST);
  await page.getByLabel("Search text").fill(prefix);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("60 records found");
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByTestId("page-indicator")).toHaveText("Page 1 of 3");
  await page.getByRole("button", { name: "User ID", exact: true }).click();
  await expect(page).toHaveURL(/sort=-userId/);
  await expect(rows(page).first()).toContainText(`${prefix}9`);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByTestId("page-indicator")).toHaveText("Page 2 of 3");
  await page.reload();
  await expect(page.getByTestId("page-indicator")).toHaveText("Page 2 of 3");
  await expect(page.getByTestId("record-count")).toHaveText("60 records found");
});

test("Delete Selected asks for confirmation naming the users, then deletes only them", async ({ page }) => {
  const prefix = `del-${tag}-`;
  for (const n of ["a", "b", "c"]) await addUser(`${prefix}${n}`);
  await visit(page, `${LIST}?q=${prefix}`);
  await expect(page.getByTestId("record-count")).toHaveText("3 records found");

  await page.getByRole("button", { name: "Select All" }).click();
  await expect(page.getByRole("checkbox", { name: `Select ${prefix}c` })).toBeChecked();
  await page.getByRole("button", { name: "Clear All" }).click();
  await expect(page.getByRole("checkbox", { name: `Select ${prefix}c` })).not.toBeChecked();

  await page.getByRole("checkbox", { name: `Select ${prefix}a` }).check();
  await page.getByRole("checkbox", { name: `Select ${prefix}b` }).check();
  const confirm = acceptNextDialog(page);
  await page.getByRole("button", { name: "Delete Selected" }).click();
  expect(await confirm).toContain(`delete 2 end users: ${prefix}a, ${prefix}b.`);
  await expect(page.getByTestId("status-line")).toHaveText("Delete successful: 2 end users deleted");
  await expect(page.getByTestId("record-count")).toHaveText("1 records found");
  await expect(page.getByTestId(`user-row-${prefix}c`)).toBeVisible();
  expect(await countUsers(prefix)).toBe(1);
});

test("adding users is refused while a node is failed over, and allowed again after Fallback", async ({ page }) => {
  const ids: number[] = [];
  for (const side of ["a", "b"]) {
    const res = await api.post("/api/nodes", { data: { hostName: `e2e-uf-${tag}-${side}`, softwareVersion: "15.0.1.12900-12", cluster: "imp-cluster-01" } });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).id);
  }
  const [a, b] = ids as [number, number];
  const created = await api.post("/api/groups", { data: { name: `E2E-Users-${tag}`, server1Id: a, server2Id: b, haEnabled: true } });
  expect(created.status()).toBe(201);
  const groupId = (await created.json()).id as number;
  const act = (action: string) => api.post(`/api/groups/${groupId}/actions`, { data: { action, node: a } });

  expect((await act("failover")).status()).toBe(202);
  try {
    await visit(page, `${LIST}/new`);
    const form = page.getByRole("form", { name: "End User Configuration" });
    await form.getByLabel("User ID*").fill(`blocked.${tag}`);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("status-line")).toHaveText(
      `End users of imp-cluster-01 cannot be added while a node of that cluster is in a failover state: e2e-uf-${tag}-a is Idle (On Admin Request)`,
    );
    expect(await countUsers(`blocked.${tag}`)).toBe(0);

    await openMenu(page, "User Management", "Presence Topology");
    const group = page.getByTestId(`topology-group-E2E-Users-${tag}`);
    await expect(group.getByTestId(`topology-node-e2e-uf-${tag}-a`).getByTestId("node-state")).toContainText("Idle");
    await expect(group.getByTestId(`topology-node-e2e-uf-${tag}-a`).getByTestId("users-serving")).toHaveText("0");
    await expect(group.getByTestId(`topology-node-e2e-uf-${tag}-b`).getByTestId("node-state")).toContainText("Running in Backup Mode");
  } finally {
    expect((await act("fallback")).status()).toBe(202);
  }

  await visit(page, `${LIST}/new`);
  const form = page.getByRole("form", { name: "End User Configuration" });
  await form.getByLabel("User ID*").fill(`blocked.${tag}`);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Add successful");
  expect(await countUsers(`blocked.${tag}`)).toBe(1);
});
