import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { acceptNextDialog, adminApi, openMenu, signIn, visit } from "./support.ts";

const LIST = "/system/presence-redundancy-groups";
let api: APIRequestContext;

async function nodeId(hostName: string): Promise<number> {
  const res = await api.get(`/api/nodes?match=exact&q=${hostName}`);
  return (await res.json()).items[0].id;
}

async function addNode(hostName: string): Promise<number> {
  const res = await api.post("/api/nodes", { data: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "imp-cluster-01" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

async function addGroup(name: string, server1Id: number, description = ""): Promise<{ id: number }> {
  const res = await api.post("/api/groups", { data: { name, description, server1Id } });
  expect(res.status()).toBe(201);
  return res.json();
}

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
});
test.afterAll(async () => api.dispose());
test.beforeEach(async ({ page }) => signIn(page));

const rows = (page: Page) => page.locator("table.list tbody tr");

test.describe("Find and List over 60 groups", () => {
  test.beforeAll(async () => {
    for (let i = 1; i <= 62; i++) {
      const n = String(i).padStart(2, "0");
      await addGroup(`Bulk-${n}`, await addNode(`bulk-node-${n}`), i % 2 ? "odd group" : "even group");
    }
  });

  test("search, paginate, change rows per page and sort, with the URL holding it all", async ({ page }) => {
    await openMenu(page, "System", "Presence Redundancy Groups");
    await page.getByLabel("Search text").fill("bulk-");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("record-count")).toHaveText("62 records found");
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 1 of 3");
    await expect(rows(page).first()).toContainText("Bulk-01");

    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 2 of 3");
    await expect(rows(page).first()).toContainText("Bulk-26");
    await page.getByRole("button", { name: "Last page" }).click();
    await expect(rows(page)).toHaveCount(12);

    await page.getByLabel("Rows per Page").selectOption("100");
    await expect(rows(page)).toHaveCount(62);
    await page.getByRole("button", { name: "Name", exact: true }).click();
    await expect(rows(page).first()).toContainText("Bulk-62");
    await expect(page).toHaveURL(/sort=-name/);

    await page.reload();
    await expect(rows(page)).toHaveCount(62);
    await expect(rows(page).first()).toContainText("Bulk-62");
    await page.goBack();
    await expect(rows(page).first()).toContainText("Bulk-01");
  });

  test("search on description with contains, and an empty result says so", async ({ page }) => {
    await visit(page, LIST);
    await page.getByLabel("Search field").selectOption("description");
    await page.getByLabel("Match").selectOption("contains");
    await page.getByLabel("Search text").fill("odd");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("record-count")).toHaveText("31 records found");
    await page.getByLabel("Search text").fill("no-such-group");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("record-count")).toHaveText("0 records found");
    await expect(page.getByText("No Presence Redundancy Groups match the search.")).toBeVisible();
  });
});

test("Add refuses each kind of invalid input next to its field, then adds", async ({ page }) => {
  await visit(page, LIST);
  await page.getByRole("button", { name: "Add New" }).click();
  await expect(page).toHaveURL(/\/new$/);
  const form = page.getByRole("form", { name: "Presence Redundancy Group Configuration" });
  const save = () => form.getByRole("button", { name: "Save" }).click();

  await save();
  await expect(form.locator("#name-error")).toHaveText("Name is required");
  await expect(form.locator("#server1Id-error")).toHaveText("Presence Server 1 is required");

  await form.getByLabel("Name*").fill("bad name");
  await form.getByLabel("Description").fill("a <b> tag");
  await save();
  await expect(form.locator("#name-error")).toHaveText("Name may contain only letters, digits, _ and -");
  await expect(form.locator("#description-error")).toContainText('Description may not contain "');

  await form.getByLabel("Name*").fill("defaultcupsubcluster");
  await form.getByLabel("Description").fill("lab pair");
  await form.getByLabel("Presence Server 1*").selectOption({ label: "imp-sub1 (15.0.1.12900-12)" });
  await save();
  await expect(form.locator("#name-error")).toContainText("Name must be unique");

  await form.getByLabel("Name*").fill("LabPair");
  // Presence Server 2 offers neither Server 1 itself nor a node of another release (the API refuses both too).
  const server2 = form.getByLabel("Presence Server 2");
  await expect(server2.locator("option", { hasText: "imp-sub1" })).toHaveCount(0);
  await expect(server2.locator("option", { hasText: "imp-sub5" })).toHaveCount(0);
  await expect(server2.locator("option", { hasText: "imp-sub2" })).toHaveCount(1);
  await expect(page.getByTestId("ha-prerequisites")).toContainText("needs two Presence Servers");
  await expect(page.getByTestId("ha-prerequisites")).not.toContainText("Both prerequisites are met");
  await form.getByLabel("Enable High Availability").check();
  await save();
  await expect(form.locator("#haEnabled-error")).toHaveText("High Availability needs two Presence Servers");

  await form.getByLabel("Presence Server 2").selectOption({ label: "imp-sub2 (15.0.1.12900-12)" });
  await form.getByLabel("Enable High Availability").uncheck();
  await expect(page.getByTestId("ha-prerequisites")).toContainText("imp-sub2");
  await expect(page.getByTestId("ha-prerequisites")).toContainText("2: Replication is good");
  await save();
  await expect(page.getByTestId("status-line")).toHaveText("Add successful");
  await expect(page).toHaveURL(new RegExp(`${LIST}/\\d+`));

  await visit(page, LIST);
  await page.getByLabel("Search text").fill("LabPair");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("imp-sub1");
  await expect(rows(page).first()).toContainText("imp-sub2");
});

test("edit saves, Copy opens a prefilled unsaved group with its servers cleared", async ({ page }) => {
  const group = await addGroup("EditMe", await addNode("edit-node-1"), "before");
  await visit(page, `${LIST}/${group.id}`);
  const form = page.getByRole("form", { name: "Presence Redundancy Group Configuration" });
  await expect(form.getByLabel("Description")).toHaveValue("before");
  await form.getByLabel("Description").fill("after");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Update successful");
  await page.reload();
  await expect(form.getByLabel("Description")).toHaveValue("after");

  await form.getByRole("button", { name: "Copy" }).click();
  await expect(page).toHaveURL(new RegExp(`/new\\?copyFrom=${group.id}`));
  await expect(form.getByLabel("Name*")).toHaveValue("EditMe_copy");
  await expect(form.getByLabel("Description")).toHaveValue("after");
  await expect(form.getByLabel("Presence Server 1*")).toHaveValue("");
  await expect(form.getByRole("button", { name: "Delete" })).toHaveCount(0);
});

test("Delete Selected names the groups in its confirmation and returns their nodes to the pool", async ({ page }) => {
  const nodeA = await addNode("del-node-a");
  await addGroup("DelA", nodeA);
  await addGroup("DelB", await addNode("del-node-b"));
  await visit(page, `${LIST}?q=Del`);
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Select All" }).click();
  const dialog = acceptNextDialog(page);
  await page.getByRole("button", { name: "Delete Selected" }).click();
  expect(await dialog).toContain("DelA, DelB");
  await expect(page.getByTestId("status-line")).toHaveText("Delete successful: 2 Presence Redundancy Groups deleted");
  await expect(page.getByTestId("record-count")).toHaveText("0 records found");
  const free = await (await api.get("/api/nodes?assignableTo=new&q=del-node&pageSize=250")).json();
  expect(free.items.map((n: { id: number }) => n.id)).toContain(nodeA);
});

test("the group holding the publisher cannot be deleted", async ({ page }) => {
  await visit(page, `${LIST}?match=exact&q=DefaultCUPSubCluster`);
  await page.getByRole("link", { name: "DefaultCUPSubCluster" }).click();
  const dialog = acceptNextDialog(page);
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog;
  await expect(page.getByTestId("status-line")).toContainText("holds the database publisher imp-pub");
});

test("a Save against a stale version shows a conflict with the current values, never overwriting", async ({ page, browser }) => {
  const group = await addGroup("Contested", await addNode("contested-node"), "original");
  await visit(page, `${LIST}/${group.id}`);
  const form = page.getByRole("form", { name: "Presence Redundancy Group Configuration" });
  await expect(form.getByLabel("Description")).toHaveValue("original");

  // A second administrator saves first.
  const other = await browser.newPage();
  await signIn(other);
  await visit(other, `${LIST}/${group.id}`);
  const otherForm = other.getByRole("form", { name: "Presence Redundancy Group Configuration" });
  await expect(otherForm.getByLabel("Description")).toHaveValue("original");
  await otherForm.getByLabel("Description").fill("theirs");
  await otherForm.getByRole("button", { name: "Save" }).click();
  await expect(other.getByTestId("status-line")).toHaveText("Update successful");
  await other.close();

  await form.getByLabel("Description").fill("mine");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toContainText("was changed by another administrator");
  await expect(page.getByTestId("conflict")).toContainText('Description "theirs"');
  const stored = await (await api.get(`/api/groups/${group.id}`)).json();
  expect(stored.description).toBe("theirs");

  await page.getByRole("button", { name: "Load current values" }).click();
  await expect(form.getByLabel("Description")).toHaveValue("theirs");
  await form.getByLabel("Description").fill("mine");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("status-line")).toHaveText("Update successful");
});

test("the server drop-downs offer only nodes in no other group", async ({ page }) => {
  await visit(page, `${LIST}/new`);
  const server1 = page.getByLabel("Presence Server 1*");
  await expect(server1.locator("option", { hasText: "imp-sub3" })).toHaveCount(1);
  await expect(server1.locator("option", { hasText: "imp-pub" })).toHaveCount(0);
  expect(await nodeId("imp-pub")).toBeGreaterThan(0);
});
