import { expect, test, type APIRequestContext } from "@playwright/test";
import { acceptNextDialog, adminApi, ensureNode, signIn, visit } from "./support.ts";

let api: APIRequestContext;
let groupId: number;
let labBefore: unknown;
// A fast lab: the drill's step comes in half a second of wall time.
const LAB = { speed: 10, stepSeconds: 1, srmStartSeconds: 1, bootSeconds: 2 };

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  const { labNow: _, ...before } = await (await api.get("/api/lab")).json();
  labBefore = before;
  expect((await api.put("/api/lab", { data: LAB })).ok()).toBe(true);
  const ids = [await ensureNode(api, "e2e-drill-a"), await ensureNode(api, "e2e-drill-b")];
  const group = await api.post("/api/groups", { data: { name: "E2E-DRILL", server1Id: ids[0], server2Id: ids[1], haEnabled: true } });
  expect(group.status()).toBe(201);
  groupId = (await group.json()).id;
});
test.afterAll(async () => {
  await api.put("/api/lab", { data: labBefore });
  await api.dispose();
});
test.beforeEach(async ({ page }) => signIn(page));

test("write a drill in the browser, run it with the normal buttons, and read its score", async ({ page }) => {
  // A long rehearsal: a preview, a drill written and saved, a failover and a fallback.
  test.setTimeout(180_000);
  await visit(page, `/system/presence-redundancy-groups/${groupId}`);
  const row = (host: string) => page.getByTestId(`node-row-${host}`);
  await expect(row("e2e-drill-a").getByTestId("node-state")).toHaveText("Normal");

  // What-if before doing anything: the preview foresees the failover and changes nothing.
  const whatIf = page.getByTestId("what-if");
  await whatIf.getByLabel("Change").selectOption("failover");
  await whatIf.getByLabel("Node").selectOption({ label: "e2e-drill-a" });
  await whatIf.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-result")).toContainText("Idle / On Admin Request");
  await expect(page.getByTestId("preview-result")).toContainText("Fallback e2e-drill-a");
  await expect(row("e2e-drill-a").getByTestId("node-state")).toHaveText("Normal");

  // A custom drill, written in the browser: node 1 is failed over five lab seconds in.
  const drills = page.getByTestId("drills");
  await drills.getByText("Write or import a drill (JSON)").click();
  await drills.getByLabel("Drill scenario").fill(
    JSON.stringify({
      name: `E2E failover drill ${Date.now()}`,
      description: "Node 1 is failed over; bring it back.",
      recovery: "Click Fallback on node 1.",
      steps: [{ kind: "action", atSeconds: 5, action: "failover", node: "node1" }],
      timeLimitSeconds: 600,
    }),
  );
  await drills.getByRole("button", { name: "Save drill" }).click();
  await expect(page.getByTestId("drill-message")).toContainText("saved");
  await drills.getByRole("button", { name: "Start drill" }).click();
  await expect(page.getByTestId("drill-running")).toBeVisible();

  // The trainee works with the normal page: the failover comes, then Fallback.
  await expect(row("e2e-drill-a").getByTestId("node-state")).toHaveText("Idle");
  const confirm = acceptNextDialog(page);
  await row("e2e-drill-a").getByRole("button", { name: "Fallback" }).click();
  await confirm;
  await expect(row("e2e-drill-a").getByTestId("node-state")).toHaveText("Normal");

  await expect(page.getByTestId("drill-verdict")).toContainText("goal met in", { timeout: 30_000 });
  const result = page.getByTestId("drill-result");
  await expect(result).toContainText("admin: ");
  await expect(result).toContainText("Drill: ");
  await expect(result).toContainText("Click Fallback on the idle node");
});
