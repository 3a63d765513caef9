import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminApi, ensureNode, visit } from "./support.ts";

/**
 * Every page of the console, scanned with axe at desktop and phone widths
 * (no serious or critical violation), and at 390 px checked for sideways
 * scrolling of the page and for buttons and links out of reach. Each page is
 * loaded once and scanned at both widths.
 */
let api: APIRequestContext;
let groupId: number;
let nodeId: number;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  // Kept from an earlier worker of this run when one already made them.
  const ids = [await ensureNode(api, "e2e-a11y-a"), await ensureNode(api, "e2e-a11y-b")];
  nodeId = ids[0]!;
  const found = await (await api.get("/api/groups?field=name&match=exact&q=E2E-A11Y")).json();
  if (found.items.length) {
    groupId = found.items[0].id;
  } else {
    const group = await api.post("/api/groups", { data: { name: "E2E-A11Y", server1Id: ids[0], server2Id: ids[1], haEnabled: true } });
    expect(group.status()).toBe(201);
    groupId = (await group.json()).id;
  }
});
test.afterAll(async () => api.dispose());

const consolePages = [
  { path: "/", title: "Cisco Unified CM IM and Presence Administration" },
  { path: "/system/server", title: "Find and List Servers" },
  { path: "/system/server/new", title: "Add New Server" },
  { path: () => `/system/server/${nodeId}`, title: "Server Configuration" },
  { path: "/system/presence-redundancy-groups", title: "Find and List Presence Redundancy Groups" },
  { path: "/system/presence-redundancy-groups/new", title: "Add New Presence Redundancy Group" },
  { path: () => `/system/presence-redundancy-groups/${groupId}`, title: "Presence Redundancy Group Configuration" },
  { path: "/system/high-availability", title: "High Availability Status" },
  { path: "/system/service-parameters", title: "Service Parameter Configuration" },
  { path: "/system/enterprise-parameters", title: "Enterprise Parameters Configuration" },
  { path: "/system/api-tokens", title: "API Tokens" },
  { path: "/system/application-users", title: "Application Users" },
  { path: "/system/audit-log", title: "Audit Log" },
  { path: "/user-management/end-users", title: "Find and List Users" },
  { path: "/user-management/end-users/new", title: "Add New End User" },
  { path: "/user-management/end-users/import", title: "Import Users" },
  { path: "/user-management/presence-topology", title: "Presence Topology" },
  { path: "/serviceability/control-center", title: "Control Center - Network Services" },
  { path: "/serviceability/alert-central", title: "Alert Central" },
  { path: "/no-such-page", title: "Page Not Found" },
];

/** Waits until the page's data has arrived (no "Loading…" left). */
async function settle(page: Page) {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
}

/** axe's serious and critical findings. Legacy mode: the pages have no frames, and it runs twice as fast. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const width = page.viewportSize()?.width;
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${width} px ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** Sideways overflow of the page, and the controls that cannot be brought into view without it. */
async function outOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page is ${root.scrollWidth - root.clientWidth}px wider than the screen`);
    for (const el of document.querySelectorAll<HTMLElement>("main button, main a[href], main input, main select, nav button")) {
      if (el.offsetParent === null) continue;
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const rect = el.getBoundingClientRect();
      if (window.scrollX !== 0 || rect.left < 0 || rect.right > root.clientWidth + 0.5) {
        problems.push(`${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" is out of reach`);
      }
      window.scrollTo(0, window.scrollY);
    }
    return problems;
  });
}

/** Scans the page as it is at desktop width, then at 390 px. */
async function checkBothWidths(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const problems = await seriousViolations(page);
  await page.setViewportSize({ width: 390, height: 800 });
  problems.push(...(await seriousViolations(page)), ...(await outOfReach(page)));
  expect(problems).toEqual([]);
}

test("sign-in page", async ({ page }) => {
  await visit(page, "/login");
  await expect(page).toHaveTitle("Sign In | Cisco Unified CM IM and Presence Administration");
  await checkBothWidths(page);
});

for (const { path, title } of consolePages) {
  const name = typeof path === "string" ? path : title;
  test(`${name}: titled, no serious axe violation, nothing out of reach at 390 px`, async ({ page }) => {
    await page.context().addCookies((await api.storageState()).cookies);
    const url = typeof path === "string" ? path : path();
    await visit(page, url);
    await expect(page.getByTestId("signed-in-user")).toHaveText("admin");
    await expect(page.getByText("Loading…")).toHaveCount(0);
    await expect(page).toHaveTitle(title === "Cisco Unified CM IM and Presence Administration" ? title : `${title} | Cisco Unified CM IM and Presence Administration`);
    await checkBothWidths(page);
  });
}

test("an open menu stays inside a phone's screen", async ({ page }) => {
  await page.context().addCookies((await api.storageState()).cookies);
  await page.setViewportSize({ width: 390, height: 800 });
  await visit(page, "/");
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: "Serviceability" }).click();
  const box = (await page.getByRole("menu", { name: "Serviceability" }).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
